package io.anomalyhunter.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's --help renders: picocli's format strings choke on a lone '%' and warn on standard error. */
class CliHelpTest {
    @Test
    void everyCommandsHelpRendersWithoutAFormatWarning() {
        List<CommandLine> all = new ArrayList<>();
        collect(new CommandLine(RootCommand.class), all);
        assertTrue(all.size() > 15, "commands found: " + all.size());
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (CommandLine c : all) {
                String help = c.getUsageMessage();
                assertTrue(help.startsWith("Usage: "), c.getCommandName() + ": " + help);
                assertFalse(help.contains("%n"), c.getCommandName() + " shows a raw %n: " + help);
            }
        } finally {
            System.setErr(err);
        }
        assertFalse(captured.toString(StandardCharsets.UTF_8).contains("picocli WARN"),
                captured.toString(StandardCharsets.UTF_8));
    }

    private static void collect(CommandLine c, List<CommandLine> into) {
        into.add(c);
        c.getSubcommands().values().stream().distinct().forEach(s -> collect(s, into));
    }
}
