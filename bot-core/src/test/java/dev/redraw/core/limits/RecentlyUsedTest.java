package dev.redraw.core.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentlyUsedTest {

    @Test
    void oneMoreEntryDropsTheLeastRecentlyUsed() {
        Map<String, Integer> map = RecentlyUsed.map(2);
        map.put("a", 1);
        map.put("b", 2);
        map.get("a");
        map.put("c", 3);

        assertThat(map).containsOnlyKeys("a", "c");
    }

    @Test
    void aMapHoldsAtLeastOneEntry() {
        assertThatThrownBy(() -> RecentlyUsed.map(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
