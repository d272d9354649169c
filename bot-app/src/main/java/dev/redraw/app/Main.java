package dev.redraw.app;

/** Entry point of {@code redraw.jar}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        Carriers.configure();
        int status = new Launcher(System.getenv(), System.in, System.out, System.err).run(args);
        System.exit(status);
    }
}
