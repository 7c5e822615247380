package io.anomalyhunter.rca;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Next steps for a cause, with the commands an operator would type on the host. Commands are shown, never run;
 * names taken from the host (container, unit, address) are shell-quoted unless they are plainly safe.
 */
final class Actions {
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private Actions() {
    }

    static List<Report.Action> forCause(Report.Cause c, Map<String, Evidence> byId, Instant onset) {
        String since = SINCE.format(onset.minusSeconds(300)) + " UTC";
        String s = quote(c.subject());
        List<Report.Action> out = new ArrayList<>();
        switch (c.kind()) {
            case RuleRanker.EXTERNAL -> {
                out.add(new Report.Action("See what " + c.subject() + " has open with this host now", "ss -tn dst " + s + " or src " + s));
                out.add(new Report.Action("If the source is not yours, drop its packets (nftables)",
                        "nft add rule inet filter input ip saddr " + s + " drop"));
            }
            case RuleRanker.PROCESS -> {
                Evidence p = c.evidence().stream().map(byId::get).filter(e -> e != null && e.kind().equals(Evidence.PROCESS))
                        .findFirst().orElse(null);
                String owner = p == null ? "host" : p.facts().getOrDefault("owner", "host");
                if (p != null) {
                    out.add(new Report.Action("Look at the process", "ps -o pid,ppid,user,%cpu,%mem,lstart,cmd -p " + p.facts().get("pid")));
                }
                if (owner.startsWith("service=")) {
                    out.add(new Report.Action("Check the service", "systemctl status " + s));
                    out.add(new Report.Action("Read its log from before the incident", "journalctl -u " + s + " --since '" + since + "'"));
                } else if (owner.startsWith("container=")) {
                    out.add(new Report.Action("Read the container's log", "docker logs --since '" + SINCE.format(onset.minusSeconds(300))
                            .replace(' ', 'T') + "' --tail 200 " + s));
                    out.add(new Report.Action("Check its state and restarts", "docker inspect --format '{{.State.Status}} exit={{.State.ExitCode}} restarts={{.RestartCount}}' " + s));
                }
            }
            case RuleRanker.CHANGE -> out.addAll(forChange(c, byId, s, since));
            case RuleRanker.EXHAUSTION -> {
                Evidence holder = c.evidence().stream().map(byId::get).filter(e -> e != null && e.kind().equals(Evidence.PROCESS))
                        .findFirst().orElse(null);
                boolean files = c.evidence().stream().map(byId::get).anyMatch(e -> e != null && e.kind().equals(Evidence.ANOMALY)
                        && Resource.of(e.facts().getOrDefault("metric", "")) == Resource.OPEN_FILES);
                if (files) {
                    out.addAll(forOpenFiles(holder, s, since));
                } else if (c.subject().startsWith("/")) {
                    out.add(new Report.Action("See how full it is", "df -h " + s));
                    out.add(new Report.Action("Find what grew", "du -xh --max-depth=2 " + s + " | sort -h | tail -20"));
                    String file = holder == null ? "" : holder.facts().getOrDefault("written_file", "");
                    if (!file.isEmpty()) {
                        out.add(new Report.Action("Look at the file it grows (a deleted one still holds its space until closed)",
                                "ls -l /proc/" + holder.facts().get("pid") + "/fd | grep -F " + quote(file)));
                    }
                    if (holder != null) {
                        out.add(new Report.Action("Look at the writer and the files it has open",
                                "ls -l /proc/" + holder.facts().get("pid") + "/fd; ps -o pid,user,lstart,cmd -p " + holder.facts().get("pid")));
                    }
                } else {
                    out.add(new Report.Action("See memory", "free -m"));
                    out.add(new Report.Action("Find the largest processes", "ps -eo pid,rss,cmd --sort=-rss | head -15"));
                }
            }
            default -> {
            }
        }
        return out;
    }

    private static List<Report.Action> forOpenFiles(Evidence holder, String subject, String since) {
        if (holder == null) {
            return List.of(new Report.Action("See the kernel's file handles (allocated, free, maximum)", "cat /proc/sys/fs/file-nr"),
                    new Report.Action("Find the processes holding the most", "for p in /proc/[0-9]*; do echo \"$(ls $p/fd 2>/dev/null | wc -l) "
                            + "$(cat $p/comm)\"; done | sort -n | tail"));
        }
        String pid = holder.facts().get("pid");
        List<Report.Action> out = new ArrayList<>(List.of(
                new Report.Action("Count its open files against its limit", "ls /proc/" + pid + "/fd | wc -l; grep 'open files' /proc/" + pid + "/limits"),
                new Report.Action("See what it holds open (a leak repeats one path or socket)", "ls -l /proc/" + pid + "/fd | awk '{print $NF}' | sort | uniq -c | sort -n | tail")));
        if (holder.facts().getOrDefault("owner", "").startsWith("service=")) {
            out.add(new Report.Action("Read its log for 'Too many open files'", "journalctl -u " + subject + " --since '" + since + "' | grep -i 'open files'"));
        }
        return out;
    }

    private static List<Report.Action> forChange(Report.Cause c, Map<String, Evidence> byId, String s, String since) {
        Evidence e = c.evidence().isEmpty() ? null : byId.get(c.evidence().get(0));
        String kind = e == null ? "" : e.facts().getOrDefault("change_kind", "");
        return switch (kind) {
            case "package" -> List.of(new Report.Action("See what the package change did", "zgrep -h " + s + " /var/log/dpkg.log* | tail -20"),
                    new Report.Action("Read the system log since then", "journalctl --since '" + since + "' -p warning"));
            case "unit" -> List.of(new Report.Action("Check the unit", "systemctl status " + s),
                    new Report.Action("Read its log", "journalctl -u " + s + " --since '" + since + "'"));
            case "container" -> List.of(new Report.Action("Read the container's log", "docker logs --tail 200 " + s),
                    new Report.Action("Check its state and restarts", "docker inspect --format '{{.State.Status}} exit={{.State.ExitCode}} restarts={{.RestartCount}}' " + s));
            case "socket" -> List.of(new Report.Action("See who listens there", "ss -ltnup"));
            case "process" -> List.of(new Report.Action("Look at the process", "ps -o pid,ppid,user,%cpu,%mem,lstart,cmd -C " + s));
            case "oom" -> List.of(new Report.Action("Read the kernel's out-of-memory report", "journalctl -k --since '" + since + "' | grep -i -A5 oom"));
            case "config" -> List.of(new Report.Action("Look at the changed file", "ls -l " + s));
            default -> List.of(new Report.Action("Read the system log since then", "journalctl --since '" + since + "'"));
        };
    }

    /** Steps worth offering for any incident: the host's log and its busiest processes and sockets around onset. */
    static List<Report.Action> general(Instant onset) {
        String since = SINCE.format(onset.minusSeconds(300)) + " UTC";
        return List.of(new Report.Action("Read the system log from before the incident", "journalctl --since '" + since + "' -p warning"),
                new Report.Action("See the busiest processes", "ps -eo pid,user,%cpu,%mem,lstart,cmd --sort=-%cpu | head -15"),
                new Report.Action("See what listens and who is connected", "ss -tunap"),
                new Report.Action("See disk space", "df -h"));
    }

    /** The word as is when plainly safe in a shell, else single-quoted. */
    static String quote(String word) {
        if (word.matches("[A-Za-z0-9._:/@%+=,-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
