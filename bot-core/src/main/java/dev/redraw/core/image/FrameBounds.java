package dev.redraw.core.image;

/** Where the first frame of an animation sits on its canvas. */
record FrameBounds(int x, int y, int width, int height) {

    static FrameBounds whole(int width, int height) {
        return new FrameBounds(0, 0, width, height);
    }

    boolean fitsIn(int canvasWidth, int canvasHeight) {
        return x >= 0 && y >= 0 && (long) x + width <= canvasWidth && (long) y + height <= canvasHeight;
    }

    boolean covers(int canvasWidth, int canvasHeight) {
        return x == 0 && y == 0 && width == canvasWidth && height == canvasHeight;
    }
}
