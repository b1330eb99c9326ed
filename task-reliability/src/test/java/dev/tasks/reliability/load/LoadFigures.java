package dev.tasks.reliability.load;

import java.util.Locale;

/**
 * What the threads did, call by call: for each kind of call, how many ended in each outcome. One
 * instance per thread (no sharing while the run is hot), summed at the end.
 */
final class LoadFigures {

    /** The service calls the scenario makes, named after what they are for. */
    enum Kind {
        CREATE("create, no key"),
        CREATE_KEYED("create, own key"),
        CREATE_KEYED_RETRY("create, own key retried"),
        CREATE_RACE("create, racing on a shared key"),
        CREATE_BULK("bulk create (the call)"),
        BULK_INVALID("bulk create: an invalid request in it"),
        CREATE_EXTERNAL("create racing on an external id"),
        HOT_GET("get a hot task"),
        HOT_INCREMENT("hot: read-modify-write with version"),
        HOT_BLIND_UPDATE("hot: update without version"),
        HOT_KEYED_UPDATE("hot: update racing on a shared key"),
        HOT_STATUS("hot: status change with version"),
        HOT_TRASH("hot: trash with version"),
        HOT_RESTORE("hot: restore with version"),
        OWN_UPDATE("own: update"),
        OWN_UPDATE_RETRY("own: keyed update retried"),
        OWN_STATUS("own: status change"),
        OWN_TRASH("own: trash"),
        OWN_RESTORE("own: restore"),
        OWN_DELETE("own: delete"),
        PROBE_TRASHED("change a trashed task"),
        PROBE_DELETED("touch a deleted task"),
        LIST_PAGE("list page"),
        WALK_OWN("walk of own tasks (done)"),
        WALK_ALL("walk of all tasks (done)"),
        COUNT("count");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** How a call ended; every column but OK is a documented answer the scenario provokes on purpose. */
    enum Outcome {
        OK, REPLAYED, VERSION_CONFLICT, TASK_TRASHED, NOT_FOUND, EXTERNAL_ID_CONFLICT, VALIDATION_FAILED
    }

    private final long[][] counts = new long[Kind.values().length][Outcome.values().length];
    private long actions;

    void add(Kind kind, Outcome outcome) {
        counts[kind.ordinal()][outcome.ordinal()]++;
    }

    void action() {
        actions++;
    }

    long actions() {
        return actions;
    }

    long get(Kind kind, Outcome outcome) {
        return counts[kind.ordinal()][outcome.ordinal()];
    }

    long calls(Kind kind) {
        long sum = 0;
        for (long c : counts[kind.ordinal()]) {
            sum += c;
        }
        return sum;
    }

    long total(Outcome outcome) {
        long sum = 0;
        for (Kind k : Kind.values()) {
            sum += get(k, outcome);
        }
        return sum;
    }

    long calls() {
        long sum = 0;
        for (Kind k : Kind.values()) {
            sum += calls(k);
        }
        return sum;
    }

    void addAll(LoadFigures other) {
        for (int k = 0; k < counts.length; k++) {
            for (int o = 0; o < counts[k].length; o++) {
                counts[k][o] += other.counts[k][o];
            }
        }
        actions += other.actions;
    }

    /** A Markdown table, so that a run's output can go into docs/reliability.md as it is. */
    String table() {
        String row = "| %-38s | %7s | %7s | %8s | %8s | %7s | %8s | %8s | %7s |%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, row, "call", "calls", "ok", "replayed", "conflict", "trashed",
                "notfound", "ext-id", "invalid"));
        out.append("|").append("-".repeat(40)).append("|--------:|--------:|---------:|---------:|--------:|---------:|---------:|--------:|\n");
        for (Kind k : Kind.values()) {
            out.append(line(row, k.label, calls(k), k));
        }
        out.append(line(row, "**all**", calls(), null));
        return out.toString();
    }

    private String line(String row, String label, long calls, Kind kind) {
        Object[] cells = new Object[2 + Outcome.values().length];
        cells[0] = label;
        cells[1] = calls;
        for (Outcome o : Outcome.values()) {
            cells[2 + o.ordinal()] = kind == null ? total(o) : get(kind, o);
        }
        return String.format(Locale.ROOT, row, cells);
    }
}
