package dev.redraw.discord;

import dev.redraw.core.request.ResultPost;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How many bytes each file of a result may take in one Discord message: no file over the channel's
 * upload limit ({@code perFile}), and all of them together, with the message itself, within what one
 * request may carry ({@code total}). Several variations of 8 MB each fit the 10 MiB limit one by
 * one but not the request together: the largest are then re-encoded, the smaller kept as they are.
 *
 * @param perFile the most one file may take
 * @param total the most the files together may take
 */
record UploadBudget(long perFile, long total) {

    /**
     * What one request to Discord may carry: 25 MiB (platform notes, "Limits and rate limits"), less
     * room for the message's JSON and the multipart framing.
     */
    static final long REQUEST_LIMIT = 25L * 1024 * 1024 - 256 * 1024;
    /** No file is squeezed below this. */
    static final long MIN_FILE = 512;

    /** The budget under the channel's upload limit; a boosted server's larger files are larger requests too. */
    static UploadBudget under(long uploadLimit) {
        return new UploadBudget(uploadLimit, Math.max(REQUEST_LIMIT, uploadLimit));
    }

    /**
     * Each image's most bytes, in the order given: the total is shared out from the smallest image
     * up, so an image under its share keeps its size and leaves the rest to the larger ones. One image
     * alone gets the whole per-file limit.
     */
    long[] caps(List<ResultPost.Image> images) {
        int count = images.size();
        long[] caps = new long[count];
        List<Integer> smallestFirst = IntStream.range(0, count)
                .boxed()
                .sorted(Comparator.comparingLong(i -> size(images.get(i))))
                .toList();
        long left = total;
        for (int k = 0; k < count; k++) {
            int image = smallestFirst.get(k);
            long share = Math.max(MIN_FILE, Math.min(perFile, left / (count - k)));
            caps[image] = share;
            left -= Math.min(size(images.get(image)), share);
        }
        return caps;
    }

    /**
     * A quarter of this budget, after Discord refused an upload as too large (the channel's limits are
     * lower than the bot knows of): measured against what was sent, so each try is smaller.
     */
    UploadBudget shrunk(List<ResultPost.Image> images) {
        long largest = images.stream().mapToLong(UploadBudget::size).max().orElse(MIN_FILE);
        long sum = images.stream().mapToLong(UploadBudget::size).sum();
        return new UploadBudget(
                Math.max(MIN_FILE, Math.min(perFile, largest) / 4), Math.max(MIN_FILE, Math.min(total, sum) / 4));
    }

    private static long size(ResultPost.Image image) {
        return image.ref().byteSize();
    }
}
