package dev.tasks.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size and layout of a generated data set: {@code tenants} tenants of {@code tasksPerTenant} tasks
 * each. Benchmarks always query the first tenant ({@link TaskGenerator#QUERIED_TENANT}).
 *
 * <p>Names: {@code 10k}, {@code 100k}, {@code 1m} (one tenant holding them all), and
 * {@code 1m-100t} (a million tasks over 100 tenants: the queried tenant holds 10 thousand of them, so
 * it answers like {@code 10k} if every index leads with the tenant). Any {@code <n>[k|m][-<t>t]} works,
 * e.g. {@code 2k} for the tests.
 *
 * @param name the name, as given to the benchmarks' {@code dataset} parameter
 * @param tenants how many tenants
 * @param tasksPerTenant how many tasks each tenant holds
 */
public record DataSet(String name, int tenants, int tasksPerTenant) {

    private static final Pattern NAME = Pattern.compile("(\\d+)([km]?)(?:-(\\d+)t)?");

    /**
     * Parses a data set name.
     *
     * @param name e.g. {@code 10k}, {@code 1m}, {@code 1m-100t}
     * @return the data set
     * @throws IllegalArgumentException if the name is not of that form
     */
    public static DataSet of(String name) {
        Matcher m = NAME.matcher(name.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("a data set is named <n>[k|m][-<t>t], e.g. 10k, 1m, 1m-100t: " + name);
        }
        long total = Long.parseLong(m.group(1)) * switch (m.group(2)) {
            case "k" -> 1_000L;
            case "m" -> 1_000_000L;
            default -> 1L;
        };
        int tenants = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        if (tenants < 1 || total < tenants || total / tenants > Integer.MAX_VALUE || total % tenants != 0) {
            throw new IllegalArgumentException("cannot spread " + total + " tasks evenly over " + tenants + " tenants");
        }
        return new DataSet(name.toLowerCase(Locale.ROOT), tenants, (int) (total / tenants));
    }

    /**
     * All tasks of the data set.
     *
     * @return tenants × tasks per tenant
     */
    public long totalTasks() {
        return (long) tenants * tasksPerTenant;
    }

    /** A name safe in a file or PostgreSQL database name: letters, digits and underscores. */
    String slug() {
        return name.replace('-', '_');
    }
}
