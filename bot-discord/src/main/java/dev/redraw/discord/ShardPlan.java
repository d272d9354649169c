package dev.redraw.discord;

import dev.redraw.core.job.Job;
import java.util.List;
import java.util.OptionalInt;

/**
 * Which shards the bot runs as and which of them this instance runs. Discord serves a server's
 * events on shard {@code (server id >> 22) % total}, and direct messages on shard 0; so a job's
 * chat is served by the shard of its server.
 *
 * @param total the shards over every instance; empty for as many as Discord recommends
 * @param ids the shards this instance runs; empty for every one
 */
record ShardPlan(OptionalInt total, List<Integer> ids) {

    ShardPlan {
        ids = List.copyOf(ids);
    }

    /** Whether this instance runs the shard of the job's chat, as configured. */
    boolean runs(Job job) {
        return runs(job, total.orElse(1));
    }

    /** Whether this instance runs the shard of the job's chat, of {@code shards} in all. */
    boolean runs(Job job, int shards) {
        return ids.isEmpty() || ids.contains(shardOf(job, shards));
    }

    /** The shard a job's chat is served on, among {@code total}. */
    static int shardOf(Job job, int total) {
        return job.origin()
                .guildId()
                .map(guild -> (int) ((Long.parseLong(guild) >>> 22) % Math.max(1, total)))
                .orElse(0);
    }
}
