package io.anomalyhunter.cli;

import io.anomalyhunter.bundle.BundleException;
import io.anomalyhunter.bundle.BundleManifest;
import io.anomalyhunter.bundle.BundleSignature;
import io.anomalyhunter.bundle.ReleaseKeys;
import io.anomalyhunter.config.BuildInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** anomaly-hunter bundle keygen|sign|verify: release keys and signed offline bundles. */
@Command(name = "bundle", mixinStandardHelpOptions = true, description = "Release keys and signed offline bundles.",
        subcommands = {BundleCommand.Keygen.class, BundleCommand.Sign.class, BundleCommand.Verify.class})
final class BundleCommand implements Runnable {
    static final Path INSTALLED_KEY = Path.of("/etc/anomaly-hunter/release.pub");

    @Override
    public void run() {
        System.out.println("choose: anomaly-hunter bundle keygen | sign | verify (see --help)");
    }

    /** Writes a new Ed25519 release key pair; never overwrites. */
    @Command(name = "keygen", mixinStandardHelpOptions = true, description = "Create an Ed25519 release key pair.")
    static final class Keygen implements Callable<Integer> {
        @Option(names = "--private", required = true, paramLabel = "FILE", description = "Private key to write (keep it off the appliance).")
        Path privateKey;

        @Option(names = "--public", required = true, paramLabel = "FILE", description = "Public key to write (ships with bundles).")
        Path publicKey;

        @Override
        public Integer call() throws IOException {
            for (Path p : new Path[] {privateKey, publicKey}) {
                if (Files.exists(p)) {
                    System.err.println("anomaly-hunter: " + p + " exists; not overwriting a key");
                    return RootCommand.BAD_INPUT;
                }
            }
            ReleaseKeys.write(ReleaseKeys.generate(), privateKey, publicKey);
            System.out.println("wrote " + privateKey + " (private, mode 0600) and " + publicKey + " (public)");
            return RootCommand.OK;
        }
    }

    /** Writes MANIFEST and MANIFEST.sig into a bundle directory. */
    @Command(name = "sign", mixinStandardHelpOptions = true, description = "Sign a bundle directory (writes MANIFEST, MANIFEST.sig).")
    static final class Sign implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "The unpacked bundle directory.")
        Path dir;

        @Option(names = "--key", required = true, paramLabel = "FILE", description = "The private release key.")
        Path key;

        @Option(names = "--kind", defaultValue = "jvm", paramLabel = "KIND", description = "native or jvm. Default: ${DEFAULT-VALUE}.")
        String kind;

        @Option(names = "--version", paramLabel = "V", description = "Version to record (default: this build's).")
        String version;

        @Override
        public Integer call() throws IOException {
            if (!kind.equals("native") && !kind.equals("jvm")) {
                System.err.println("anomaly-hunter: --kind '" + kind + "' must be native or jvm");
                return RootCommand.BAD_INPUT;
            }
            try {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("product", "anomaly-hunter");
                headers.put("version", version == null ? BuildInfo.version() : version);
                headers.put("kind", kind);
                BundleManifest m = BundleSignature.sign(dir, ReleaseKeys.readPrivate(key), headers);
                System.out.println("signed " + dir + ": " + m.sha256ByPath().size() + " files, version "
                        + m.headers().get("version") + ", kind " + kind);
                return RootCommand.OK;
            } catch (BundleException e) {
                System.err.println("anomaly-hunter: " + e.getMessage());
                return RootCommand.BAD_INPUT;
            }
        }
    }

    /** Checks a bundle directory or tarball against a public key. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify a bundle (directory or .tar.gz): signature, every checksum, no extra files. Exit 0 if intact, 2 if not.")
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "BUNDLE", description = "Bundle directory or anomaly-hunter-*.tar.gz.")
        Path bundle;

        @Option(names = "--key", paramLabel = "FILE", description = "Public release key (default: " + "/etc/anomaly-hunter/release.pub).")
        Path key;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Path k = key != null ? key : INSTALLED_KEY;
            try (UnpackedBundle unpacked = UnpackedBundle.open(bundle)) {
                BundleManifest m = BundleSignature.verify(unpacked.dir(), ReleaseKeys.readPublic(k));
                System.out.println("bundle OK: " + bundle + " (version " + m.headers().get("version") + ", kind "
                        + m.headers().get("kind") + ", " + m.sha256ByPath().size() + " files, key " + k + ")");
                return RootCommand.OK;
            } catch (BundleException e) {
                System.err.println("anomaly-hunter: bundle " + bundle + " refused:");
                for (String line : e.getMessage().split("\n")) {
                    System.err.println("  " + line);
                }
                return RootCommand.BAD_INPUT;
            }
        }
    }
}
