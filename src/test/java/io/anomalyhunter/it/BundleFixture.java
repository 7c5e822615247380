package io.anomalyhunter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One bundle per test JVM, built by offline-bundle/build-bundle.sh from target/quarkus-app with a test key. */
final class BundleFixture {
    final Path work;
    final Path tarball;
    final Path unpacked;
    final Path publicKey;
    final Path privateKey;

    private static BundleFixture instance;

    private BundleFixture(Path work, Path tarball, Path unpacked, Path publicKey, Path privateKey) {
        this.work = work;
        this.tarball = tarball;
        this.unpacked = unpacked;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    static synchronized BundleFixture get() throws Exception {
        if (instance == null) {
            instance = build();
        }
        return instance;
    }

    private static BundleFixture build() throws Exception {
        Path work = Files.createTempDirectory("ah-bundle-it");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Shell.sh(Path.of("/"), "rm -rf " + work);
            } catch (Exception ignored) {
                // temp files; the OS cleans /tmp eventually
            }
        }));
        Path key = work.resolve("k.key");
        Path pub = work.resolve("k.pub");
        assertEquals(0, DaemonProcess.cli(work, "bundle", "keygen", "--private", key.toString(), "--public",
                pub.toString()).exit());
        Shell.Result r = Shell.run(Path.of("").toAbsolutePath(), List.of("bash", "offline-bundle/build-bundle.sh",
                "--no-build", "--key", key.toString(), "--out", work.toString()));
        assertEquals(0, r.exit(), r.output());
        Path tarball;
        try (var s = Files.list(work)) {
            tarball = s.filter(p -> p.getFileName().toString().matches("anomaly-hunter-.*-linux-x86_64\\.tar\\.gz"))
                    .findFirst().orElseThrow();
        }
        Files.createDirectories(work.resolve("x"));
        assertEquals(0, Shell.sh(work, "tar -C x -xzf " + tarball).exit());
        Path unpacked;
        try (var s = Files.list(work.resolve("x"))) {
            unpacked = s.findFirst().orElseThrow();
        }
        return new BundleFixture(work, tarball, unpacked, pub, key);
    }

    /** A fresh copy of the unpacked bundle, to tamper with. */
    Path copy(String name) throws Exception {
        Path dest = work.resolve(name);
        Shell.Result r = Shell.sh(work, "rm -rf " + dest + " && mkdir -p " + dest.getParent() + " && cp -a " + unpacked + " " + dest);
        assertEquals(0, r.exit(), r.output());
        return dest;
    }

    /** A staging root with just what install.sh looks for: passwd, group, systemctl, glibc, libpcap. */
    Path stagingRoot(String name) throws Exception {
        Path root = work.resolve(name);
        Shell.Result r = Shell.sh(work, "rm -rf " + root + " && mkdir -p " + root + "/etc " + root + "/usr/bin "
                + root + "/usr/lib/x86_64-linux-gnu && echo 'root:x:0:0:root:/root:/bin/sh' > " + root + "/etc/passwd"
                + " && echo 'root:x:0:' > " + root + "/etc/group && touch " + root + "/usr/bin/systemctl " + root
                + "/usr/lib/x86_64-linux-gnu/libc.so.6 " + root + "/usr/lib/x86_64-linux-gnu/libpcap.so.0.8 " + root
                + "/usr/lib/x86_64-linux-gnu/libgomp.so.1");
        assertEquals(0, r.exit(), r.output());
        return root;
    }

    /** Runs the bundle's install.sh (or another installer) with arguments. */
    Shell.Result install(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", unpacked.resolve("install.sh").toString()));
        cmd.addAll(List.of(args));
        return Shell.run(work, cmd);
    }
}
