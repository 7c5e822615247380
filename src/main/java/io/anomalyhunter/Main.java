package io.anomalyhunter;

import io.anomalyhunter.cli.RootCommand;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. Parses the command line before Quarkus starts, so that client commands (status,
 * anomalies, check-config) stay fast and only {@code run} boots the daemon.
 */
@QuarkusMain
public final class Main {
    private Main() {
    }

    public static void main(String... args) {
        NativeLibraryHome.configure(); // JNA's own library is found there, and NativeHeap calls through JNA
        NativeHeap.bound();
        System.exit(RootCommand.execute(args));
    }
}
