package dev.zos.farmer.status;

import dev.zos.cli.kit.Table;
import dev.zos.core.registry.client.GridNode;
import dev.zos.core.registry.client.Human;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** How {@link FarmStatus} looks: a table for output, and coloured screen lines for the live view. */
final class StatusView {
    static final List<String> HEADERS = List.of("NODE", "FARM", "STATUS", "POWER", "UPTIME", "CPU", "MEMORY", "SSD", "HDD",
            "DEPLOYMENTS", "LAST REPORT");

    private StatusView() {
    }

    static Table table(FarmStatus s) {
        return new Table(HEADERS, s.nodes().stream().map(r -> row(r, s)).toList());
    }

    private static List<String> row(FarmStatus.Row r, FarmStatus s) {
        GridNode n = r.node();
        return List.of(Long.toString(n.nodeId()), Long.toString(n.farmId()), n.status(),
                n.power().target().equals(n.power().state()) ? n.power().state() : n.power().state() + " → " + n.power().target(),
                n.uptime() == 0 || !n.status().equals("up") ? "-" : Human.duration(n.uptime()),
                n.usedResources().cru() + "/" + n.totalResources().cru(),
                usedOf(n.usedResources().mru(), n.totalResources().mru()),
                usedOf(n.usedResources().sru(), n.totalResources().sru()),
                usedOf(n.usedResources().hru(), n.totalResources().hru()),
                Long.toString(r.deployments()), Human.ago(n.updatedAt(), s.at()));
    }

    private static String usedOf(long used, long total) {
        return total == 0 ? "-" : Human.size(used) + " / " + Human.size(total);
    }

    /** The live screen: a summary line, the table, a help line; cut to {@code width}. */
    static List<AttributedString> screen(FarmStatus s, int width, boolean color) {
        List<AttributedString> lines = new ArrayList<>();
        String farms = s.farms().stream().map(String::valueOf).collect(Collectors.joining(", "));
        lines.add(new AttributedString("zos-farmer status — farm" + (s.farms().size() == 1 ? " " : "s ") + farms + " — "
                + s.nodes().size() + " node(s): " + s.count("up") + " up, " + s.count("standby") + " standby, "
                + s.count("down") + " down — " + s.at().toString().replace('T', ' ').replaceAll("\\.\\d+", "")));
        lines.add(AttributedString.EMPTY);
        List<List<String>> cells = new ArrayList<>();
        cells.add(HEADERS);
        s.nodes().forEach(r -> cells.add(row(r, s)));
        int[] widths = new int[HEADERS.size()];
        for (List<String> row : cells) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (int r = 0; r < cells.size(); r++) {
            var b = new AttributedStringBuilder();
            List<String> row = cells.get(r);
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i) + " ".repeat(widths[i] - row.get(i).length() + (i + 1 < row.size() ? 2 : 0));
                AttributedStyle style = AttributedStyle.DEFAULT;
                if (color && r == 0) {
                    style = style.bold();
                } else if (color && i == 2) {
                    style = switch (row.get(i)) {
                        case "up" -> style.foreground(AttributedStyle.GREEN);
                        case "standby" -> style.foreground(AttributedStyle.YELLOW);
                        default -> style.foreground(AttributedStyle.RED);
                    };
                }
                b.append(cell, style);
            }
            lines.add(b.toAttributedString());
        }
        if (s.nodes().isEmpty()) {
            lines.add(new AttributedString("(no nodes yet: boot one with an image from 'zos-farmer image' or 'zos-farmer pxe setup')"));
        }
        lines.add(AttributedString.EMPTY);
        lines.add(new AttributedString("q to quit · refreshes every few seconds"));
        return lines.stream().map(l -> l.columnLength() > width ? l.columnSubSequence(0, width) : l).toList();
    }
}
