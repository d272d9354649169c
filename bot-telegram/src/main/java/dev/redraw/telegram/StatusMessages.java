package dev.redraw.telegram;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/** The one status message each running job has, so it is edited rather than repeated. */
final class StatusMessages {

    private final Map<Long, Integer> byJob = new ConcurrentHashMap<>();
    private final Map<String, Long> byMessage = new ConcurrentHashMap<>();

    void put(long jobId, long chat, int messageId) {
        byJob.put(jobId, messageId);
        byMessage.put(chat + "/" + messageId, jobId);
    }

    Integer messageOf(long jobId) {
        return byJob.get(jobId);
    }

    OptionalLong jobOf(long chat, int messageId) {
        Long job = byMessage.get(chat + "/" + messageId);
        return job == null ? OptionalLong.empty() : OptionalLong.of(job);
    }

    Integer remove(long jobId, long chat) {
        Integer message = byJob.remove(jobId);
        if (message != null) {
            byMessage.remove(chat + "/" + message);
        }
        return message;
    }
}
