package dev.tasks.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.tasks.api.TaskPage;
import dev.tasks.core.NewTask;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskQuery;
import dev.tasks.core.TenantId;
import dev.tasks.json.BodyException;
import dev.tasks.json.lightfield.LightfieldException;
import dev.tasks.json.lightfield.LightfieldFormat;
import dev.tasks.json.lightfield.LightfieldPage;
import dev.tasks.json.stora.StoraFormat;
import dev.tasks.json.stora.StoraPageRequest;
import dev.tasks.json.stora.StoraParameterException;
import dev.tasks.reliability.hostile.Steps.Aim;
import dev.tasks.reliability.hostile.Steps.Pick;
import dev.tasks.reliability.hostile.Steps.Version;
import dev.tasks.reliability.hostile.WireCases.Case;
import dev.tasks.store.memory.InMemoryTaskStore;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Item 3 for the wire formats: hostile bodies into {@code StoraFormat.readCreate/readUpdate} and
 * {@code LightfieldFormat.readCreate/readUpdate}, hostile query values into
 * {@code StoraPageRequest.fromQuery} and {@code LightfieldPage.parse}.
 *
 * <p>A reader must read a valid body into exactly the request it spells (hostile strings are data), refuse
 * a body with one structural fault at exactly that fault's pointer, refuse what is not JSON as malformed,
 * and throw nothing but {@code BodyException}; every refusal must render in both formats' error shapes
 * ({@link ClientErrors}). What a reader accepts then goes into the service, as the tries of
 * {@link HostileServiceTest} do, with the same oracle. A page parameter must be read into exactly the
 * documented page, or refused naming the parameter; an accepted page must list.
 */
class HostileWireFormatsTest {

    private static final int PER_EXAMPLE = 10;
    private static final Tally TALLY = new Tally("hostile-wire");
    private static final AtomicLong TENANTS = new AtomicLong();
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+");

    @AfterAll
    static void publish() {
        TALLY.publish();
    }

    @Test
    void hostileBodiesIntoBothFormatsReaders() {
        int tries = HostileSettings.tries(HostileSettings.WIRE) * 85 / 100;
        int examples = Math.max(1, (tries + PER_EXAMPLE - 1) / PER_EXAMPLE);
        Target target = new Target(Stores.Kind.MEMORY, new InMemoryTaskStore(), TALLY);
        StoraFormat stora = new StoraFormat();
        LightfieldFormat lightfield = new LightfieldFormat(target.service.definitions());
        Gen<Case> cases = WireCases.cases();
        qt().withExamples(examples).withShrinkCycles(HostileSettings.shrinks()).forAll(in -> {
            List<Case> list = new ArrayList<>();
            for (int i = 0; i < PER_EXAMPLE; i++) {
                list.add(cases.generate(in));
            }
            return list;
        }).checkAssert(list -> {
            Session session = new Session(target, TenantId.of("wire-" + TENANTS.incrementAndGet()));
            target.service.create(session.actor, NewTask.titled("the task that updates apply to"));
            session.refresh();
            list.forEach(c -> read(c, stora, lightfield, session));
        });
        assertThat(TALLY.total("STORA") + TALLY.total("LIGHTFIELD")).as("every body was read and counted")
                .isEqualTo((long) examples * PER_EXAMPLE);
    }

    private static void read(Case c, StoraFormat stora, LightfieldFormat lightfield, Session session) {
        Object read = null;
        BodyException error = null;
        try {
            read = switch (c.format()) {
                case STORA -> c.create() ? stora.readCreate(c.body()) : stora.readUpdate(c.body());
                case LIGHTFIELD -> c.create() ? lightfield.readCreate(c.body()) : lightfield.readUpdate(c.body());
            };
        } catch (BodyException e) {
            error = e;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(c + ": an undocumented exception escaped the reader", e);
        }
        TALLY.count(c.format().name(), c.operation(), error == null ? "read" : "body:" + error.problem().name().toLowerCase(java.util.Locale.ROOT));
        try {
            switch (c.kind()) {
                case READ -> {
                    if (error != null) {
                        assertThat(error.problem() == BodyException.Problem.INVALID_VALUE && error.pointer().equals(c.mayFailAt()))
                                .as("a valid body is read (%s %s: %s)", error.problem(), Hostile.show(error.pointer()), Hostile.show(error.getMessage()))
                                .isTrue();
                    } else if (c.read() != null) {
                        assertThat(read).as("the body is read into exactly the request it spells").isEqualTo(c.read());
                    }
                }
                case FAULT -> {
                    assertThat(error).as("a body with a fault is refused").isNotNull();
                    assertThat(error.pointer()).as("at the fault (%s)", Hostile.show(error.getMessage())).isEqualTo(c.pointer());
                    assertThat(error.problem()).isIn(c.problems());
                }
                case MALFORMED -> {
                    assertThat(error).as("a body that is not JSON is refused").isNotNull();
                    assertThat(error.problem()).isEqualTo(BodyException.Problem.MALFORMED);
                }
                case EITHER -> {
                    // read or refused: the checks below and the service decide
                }
            }
            if (error != null) {
                ClientErrors.check(error, callerTexts(c));
            }
        } catch (AssertionError e) {
            throw new AssertionError(c + "\n" + e.getMessage(), e);
        }
        if (read instanceof NewTask request) {
            new Steps.Create(request, false, null, null, "read by " + c.operation()).run(session);
        } else if (read instanceof TaskPatch patch) {
            new Steps.Update(new Aim(Pick.EXISTING, 0), patch, UnaryOperator.identity(), "read by " + c.operation(), false, false,
                    Version.NONE, null, null, false).run(session);
        }
    }

    /**
     * What the caller sent: the case's strings, and for damaged bytes the strings and names the body now
     * holds (a changed byte changes the text a message may quote), if it still parses.
     */
    private static List<String> callerTexts(WireCases.Case c) {
        List<String> texts = new ArrayList<>(c.texts());
        try {
            collect(new com.fasterxml.jackson.databind.ObjectMapper().readTree(c.body()), texts);
        } catch (java.io.IOException | RuntimeException notJson) {
            // A body that does not parse gets the fixed words of a malformed body: nothing of it is quoted.
        }
        return texts;
    }

    private static void collect(com.fasterxml.jackson.databind.JsonNode node, List<String> into) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            into.add(node.asText());
        }
        node.fieldNames().forEachRemaining(into::add);
        node.elements().forEachRemaining(child -> collect(child, into));
    }

    // ------------------------------------------------------------------ page parameters

    @Test
    void hostilePageParametersIntoBothFormats() {
        int tries = HostileSettings.tries(HostileSettings.WIRE) - HostileSettings.tries(HostileSettings.WIRE) * 85 / 100;
        Target target = new Target(Stores.Kind.MEMORY, new InMemoryTaskStore(), TALLY);
        for (int i = 0; i < 30; i++) {
            target.service.create(target.stranger, NewTask.titled("page filler " + i));
        }
        long live = target.service.count(target.stranger, TaskFilter.ALL);
        Gen<String> values = parameters();
        Gen<Boolean> storaOrLightfield = in -> Hostile.chance(in, 50);
        long before = TALLY.total("STORA.page") + TALLY.total("LIGHTFIELD.page");
        // QuickTheories may run an example fewer than asked (it skips a value it already tried), so the
        // examples are counted here: each must end in exactly one tallied outcome.
        AtomicLong ran = new AtomicLong();
        qt().withExamples(tries).withShrinkCycles(HostileSettings.shrinks()).forAll(values, values, storaOrLightfield)
                .checkAssert((first, second, storaFormat) -> {
                    ran.incrementAndGet();
                    if (storaFormat) {
                        stora(first, second, target, live);
                    } else {
                        lightfield(first, second, target, live);
                    }
                });
        assertThat(TALLY.total("STORA.page") + TALLY.total("LIGHTFIELD.page") - before).isEqualTo(ran.get())
                .isPositive();
    }

    /** Stora: ASCII digits only (at most 9), limit 1..100 (default 50), page 1..100000/limit+1 (default 1). */
    private static void stora(String page, String limit, Target target, long live) {
        Integer size = limit == null ? Integer.valueOf(50) : digits(limit);
        String expectedError = size == null || size < 1 || size > 100 ? "limit" : null;
        Integer number = page == null ? Integer.valueOf(1) : digits(page);
        if (expectedError == null && (number == null || number < 1 || number > 100_000 / size + 1)) {
            expectedError = "page";
        }
        String context = "StoraPageRequest.fromQuery(" + Hostile.show(page) + ", " + Hostile.show(limit) + ")";
        StoraPageRequest request = null;
        try {
            request = StoraPageRequest.fromQuery(page, limit);
        } catch (StoraParameterException e) {
            TALLY.count("STORA.page", "fromQuery", "invalid_url_param");
            assertThat(e.parameter()).as(context).isEqualTo(expectedError);
            ClientErrors.check(e, Arrays.asList(page, limit));
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(context + ": an undocumented exception escaped", e);
        }
        TALLY.count("STORA.page", "fromQuery", "ok");
        assertThat(expectedError).as(context + " must be refused").isNull();
        assertThat(request).as(context).isEqualTo(new StoraPageRequest(number, size));
        assertThat(request.offset()).isEqualTo((number - 1) * size);
        listsItsPage(request.query(), size, target, live);
    }

    /** Lightfield: an optional minus and ASCII digits, offset 0..100000 (default 0), limit 1..25 (default 25). */
    private static void lightfield(String offset, String limit, Target target, long live) {
        BigInteger from = offset == null || offset.isEmpty() ? BigInteger.ZERO : decimal(offset);
        BigInteger size = limit == null || limit.isEmpty() ? BigInteger.valueOf(25) : decimal(limit);
        String expected = from == null ? "offset invalid_type" : size == null ? "limit invalid_type"
                : from.signum() < 0 || from.compareTo(BigInteger.valueOf(100_000)) > 0 ? "offset out_of_range"
                : size.compareTo(BigInteger.ONE) < 0 || size.compareTo(BigInteger.valueOf(25)) > 0 ? "limit out_of_range" : null;
        String context = "LightfieldPage.parse(" + Hostile.show(offset) + ", " + Hostile.show(limit) + ")";
        LightfieldPage page;
        try {
            page = LightfieldPage.parse(offset, limit);
        } catch (LightfieldException e) {
            TALLY.count("LIGHTFIELD.page", "parse", "400");
            String body = e.error().bodyText();
            assertThat(expected).as(context + " must be read, was " + body).isNotNull();
            String[] paramAndCode = expected.split(" ");
            assertThat(body).as(context).contains("\"code\":\"" + paramAndCode[1] + "\"").contains("\"param\":\"" + paramAndCode[0] + "\"");
            ClientErrors.check(e, Arrays.asList(offset, limit));
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(context + ": an undocumented exception escaped", e);
        }
        TALLY.count("LIGHTFIELD.page", "parse", "ok");
        assertThat(expected).as(context + " must be refused").isNull();
        assertThat(page).as(context).isEqualTo(new LightfieldPage(from.intValueExact(), size.intValueExact()));
        listsItsPage(page.query(), size.intValueExact(), target, live);
    }

    /** The page's query is one the service takes: a page of at most the limit, and a count. */
    private static void listsItsPage(TaskQuery query, int limit, Target target, long live) {
        TaskPage page = target.service.list(target.stranger, query);
        assertThat(page.tasks()).hasSizeLessThanOrEqualTo(limit)
                .hasSize((int) Math.max(0, Math.min(limit, live - query.offset())));
        assertThat(target.service.count(target.stranger, TaskFilter.ALL)).isEqualTo(live);
    }

    private static Integer digits(String text) {
        return DIGITS.matcher(text).matches() ? Integer.valueOf(text) : null;
    }

    private static BigInteger decimal(String text) {
        return DECIMAL.matcher(text).matches() ? new BigInteger(text) : null;
    }

    /** Query values: edges of every range, signs, spaces, other scripts' digits, exponents, huge numbers, SQL. */
    private static Gen<String> parameters() {
        List<String> values = Arrays.asList(null, "", "0", "1", "2", "25", "26", "50", "99", "100", "101", "1000", "1001", "1002",
                "100000", "100001", "-1", "-0", "+5", " 5", "5 ", "1e2", "0x10", "1.0", "1,000", "\u0663", "\uFF11", "\u0661\u0660",
                "000000005", "0000000005", "00000000000000000000000001", "2147483647", "2147483648", "-2147483648", "-2147483649",
                "99999999999999999999999999999", "-99999999999999999999", "%31", "1; DROP TABLE tasks", "1' OR '1'='1", "\u0000",
                "5\u0000", "\n5", "NaN", "Infinity", "-", "--1", "1-");
        Gen<String> hostile = Hostile.strings(in -> Integer.toString(Hostile.range(in, 0, 2000)), 12);
        return in -> Hostile.chance(in, 75) ? Hostile.pick(in, values)
                : Hostile.chance(in, 50) ? Integer.toString(Hostile.range(in, -5, 2_000)) : hostile.generate(in);
    }
}
