package dev.redraw.core.testing;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.generation.ImageUrls;
import dev.redraw.core.provider.ProviderKit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Links of the form {@code https://bot.test/i/<n>-<sha256>}, numbered in the order they are made. */
public final class CountingLinks implements ImageUrls {

    public final List<String> made = new CopyOnWriteArrayList<>();

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String linkTo(ImageRef image) {
        String link = "https://bot.test/i/" + (made.size() + 1) + "-" + image.sha256();
        made.add(link);
        return link;
    }

    /** The link made for {@code image}, whichever number it got. */
    public String linkOf(ImageRef image) {
        return made.stream()
                .filter(link -> link.endsWith("-" + image.sha256()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no link was made for " + image.sha256()));
    }

    /** The test kit with these links. */
    public ProviderKit kit(Providers.RecordingSleeper sleeper) {
        var kit = Providers.kit(sleeper);
        return new ProviderKit(kit.http(), kit.json(), kit.downloader(), kit.sleeper(), kit.bulkheads(), this);
    }
}
