package dev.tasks.reliability.crash;

import dev.tasks.api.Actor;
import dev.tasks.api.Scope;
import dev.tasks.api.TaskService;
import dev.tasks.core.Cardinality;
import dev.tasks.core.NewTask;
import dev.tasks.core.RelationshipDefinition;
import dev.tasks.core.RelationshipPatch;
import dev.tasks.core.SystemRelationship;
import dev.tasks.core.TaskIdGenerator;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.store.TaskStore;
import dev.tasks.store.jdbi.SqliteOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What the child writes, shared by the child ({@link CrashChild}) and the test ({@link CrashSafetyTest}):
 * the actor, the service's configuration, and the requests.
 *
 * <p>Every request is a pure function of the run's seed and a sequence number, never of the store's state.
 * That is what lets the test retry an idempotency key acknowledged before a kill with <em>the same
 * request</em> (the key's fingerprint covers the request): it rebuilds the request from the two numbers the
 * child printed, instead of parsing it back from the log.
 */
final class CrashWorkload {

    /** The one caller of every write, in the child and in the test: a key's fingerprint covers the principal. */
    static final Actor ACTOR = Actor.of("crash-tenant", "mem_crash", Scope.all());

    /**
     * A custom has-many relationship: the system ones that a patch may change are all has-one, and a
     * has-many list is where positions (the {@code position} column) and add/remove patches matter.
     */
    static final RelationshipDefinition WATCHERS = RelationshipDefinition.custom("watchers", "member", Cardinality.HAS_MANY);

    /** Metadata keys come from this pool of 14, so that no task ever reaches the limit of 20 keys. */
    private static final String[] METADATA_KEYS = {
        "region", "tier", "source", "crm.stage", "crm:owner", "team-a", "team_b", "k1", "k2", "k3",
        "priority", "sla.hours", "channel", "batch",
    };

    private static final String[] WORDS = {
        "call", "inspect", "unit", "invoice", "follow-up", "review", "contract", "site", "visit", "renewal",
        "Überprüfung", "réunion", "café", "設置", "点検", "😀", "naïve", "O'Brien", "\"quoted\"", "back\\slash",
        "50%", "under_score", "[brackets]", "tab\there",
    };

    private CrashWorkload() {
    }

    /** The child's service: its clock and ids are set before each write, so that a shadow store can run the same write first. */
    static TaskService service(TaskStore store, Clock clock, TaskIdGenerator ids) {
        return TaskService.builder(store).clock(clock).idGenerator(ids).relationship(WATCHERS).build();
    }

    /** The test's service on the reopened file: the system clock, the library's own ids, the same relationships. */
    static TaskService service(TaskStore store) {
        return TaskService.builder(store).relationship(WATCHERS).build();
    }

    /** The store's options in a mode; the rest as an application gets them by default. */
    static SqliteOptions options(SqliteOptions.Synchronous mode) {
        return SqliteOptions.builder().synchronous(mode).build();
    }

    /** The idempotency key of the keyed write number {@code seq} of the run with this seed: unique across runs. */
    static String key(long seed, int seq) {
        return "crash-" + Long.toHexString(seed) + "-" + seq;
    }

    /** A fresh id for the create number {@code seq}: the service is handed it, so the intent line can name the task. */
    static String taskId(long seed, int seq) {
        SplittableRandom random = random(seed, seq, 1);
        StringBuilder id = new StringBuilder("task_");
        for (int i = 0; i < 16; i++) {
            id.append(Character.forDigit(random.nextInt(36), 36));
        }
        return id.toString();
    }

    /**
     * The create request number {@code seq}: a title (sometimes long, sometimes not ASCII), often a
     * description, a due time, an assignee and other relationships, 2 to 8 metadata keys, and sometimes an
     * external id (unique, since it carries the seed and the number).
     */
    static NewTask newTask(long seed, int seq) {
        SplittableRandom r = random(seed, seq, 2);
        NewTask.Builder b = NewTask.builder(title(r));
        if (r.nextInt(10) < 4) {
            b.description(text(r, r.nextInt(10) == 0 ? 3000 : 200));
        }
        b.status(TaskStatus.values()[r.nextInt(TaskStatus.values().length)]);
        if (r.nextBoolean()) {
            b.dueAt(instant(r));
        }
        if (r.nextInt(4) == 0) {
            b.externalId("ext-" + Long.toHexString(seed) + "-" + seq);
        }
        if (r.nextInt(10) < 7) {
            b.assignee("mem_" + r.nextInt(20));
        }
        if (r.nextInt(10) < 4) {
            b.relationship(SystemRelationship.ACCOUNT.relationshipName(), List.of("acc_" + r.nextInt(8)));
        }
        if (r.nextInt(10) < 2) {
            b.relationship(SystemRelationship.SITE.relationshipName(), List.of("site-" + r.nextInt(5)));
        }
        if (r.nextBoolean()) {
            b.relationship(WATCHERS.name(), watchers(r, 1 + r.nextInt(5)));
        }
        int keys = 2 + r.nextInt(7);
        for (String key : metadataKeys(r, keys)) {
            b.metadata(key, metadataValue(r));
        }
        return b.build();
    }

    /**
     * The patch number {@code seq}: always some metadata set, often keys removed, watchers added and
     * removed (never the same id both ways, which the rules refuse), sometimes a reassignment, a new title,
     * description, due time, external id or status, and now and then all metadata cleared first.
     */
    static TaskPatch patch(long seed, int seq) {
        SplittableRandom r = random(seed, seq, 3);
        TaskPatch.Builder b = TaskPatch.builder();
        List<String> keys = metadataKeys(r, 1 + r.nextInt(5));
        int set = 1 + r.nextInt(Math.min(3, keys.size()));
        for (int i = 0; i < keys.size(); i++) {
            b.metadata(keys.get(i), i < set ? metadataValue(r) : null);
        }
        if (r.nextInt(20) == 0) {
            b.clearMetadata();
        }
        int w = r.nextInt(10);
        if (w < 5) {
            List<String> pool = watchers(r, 4);
            int split = r.nextInt(5);
            b.relationship(WATCHERS.name(), new RelationshipPatch(pool.subList(0, split), pool.subList(split, 4), Optional.empty()));
        } else if (w == 5) {
            b.relationship(WATCHERS.name(), RelationshipPatch.replace(watchers(r, r.nextInt(4))));
        }
        int a = r.nextInt(10);
        if (a < 3) {
            b.assignee("mem_" + r.nextInt(20));
        } else if (a == 3) {
            b.assignee(null);
        }
        if (r.nextInt(5) == 0) {
            b.relationship(SystemRelationship.ACCOUNT, r.nextInt(4) == 0
                    ? RelationshipPatch.clear() : RelationshipPatch.replace(List.of("acc_" + r.nextInt(8))));
        }
        if (r.nextInt(5) == 0) {
            b.title(title(r));
        }
        int d = r.nextInt(20);
        if (d < 3) {
            b.description(text(r, 300));
        } else if (d == 3) {
            b.clearDescription();
        }
        int due = r.nextInt(20);
        if (due < 3) {
            b.dueAt(instant(r));
        } else if (due == 3) {
            b.dueAt((Instant) null);
        }
        int ext = r.nextInt(40);
        if (ext < 2) {
            b.externalId("ext-" + Long.toHexString(seed) + "-" + seq);
        } else if (ext == 2) {
            b.externalId((String) null);
        }
        if (r.nextInt(10) == 0) {
            b.status(TaskStatus.values()[r.nextInt(TaskStatus.values().length)]);
        }
        return b.build();
    }

    /** An independent stream per (seed, number, purpose), so that adding a draw to one request moves no other. */
    static SplittableRandom random(long seed, int seq, int purpose) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (seq * 8L + purpose + 1)));
    }

    private static String title(SplittableRandom r) {
        if (r.nextInt(30) == 0) {
            // The longest title the rules accept, counted in code points: 500, an emoji among them.
            return "😀" + "x".repeat(499);
        }
        StringBuilder title = new StringBuilder();
        int words = 1 + r.nextInt(6);
        for (int i = 0; i < words; i++) {
            String word = WORDS[r.nextInt(WORDS.length)];
            if (word.contains("\t")) {
                word = "tab"; // titles refuse control characters; descriptions keep them
            }
            title.append(i == 0 ? "" : " ").append(word);
        }
        return title.toString();
    }

    /** Words separated by spaces and now and then a newline, at most {@code maxWords} and 20,000 characters (the rules' limit). */
    private static String text(SplittableRandom r, int maxWords) {
        StringBuilder text = new StringBuilder();
        int words = 1 + r.nextInt(maxWords);
        for (int i = 0; i < words; i++) {
            String word = WORDS[r.nextInt(WORDS.length)];
            if (text.length() + 1 + word.length() > 20_000) {
                break;
            }
            text.append(i == 0 ? "" : (r.nextInt(12) == 0 ? "\n" : " ")).append(word);
        }
        return text.toString();
    }

    private static Instant instant(SplittableRandom r) {
        // 2020-01-01 to 2031-01-01, at millisecond precision (what the rules keep).
        return Instant.ofEpochMilli(1_577_836_800_000L + r.nextLong(347_155_200_000L));
    }

    private static List<String> metadataKeys(SplittableRandom r, int count) {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        while (keys.size() < count) {
            keys.add(METADATA_KEYS[r.nextInt(METADATA_KEYS.length)]);
        }
        return new ArrayList<>(keys);
    }

    private static String metadataValue(SplittableRandom r) {
        int kind = r.nextInt(20);
        if (kind == 0) {
            return "v".repeat(500); // the longest value the rules accept
        }
        if (kind == 1) {
            return text(r, 8);
        }
        return Integer.toString(r.nextInt(1_000_000), 36);
    }

    private static List<String> watchers(SplittableRandom r, int count) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        while (ids.size() < count) {
            ids.add("w" + r.nextInt(12));
        }
        return new ArrayList<>(ids);
    }
}
