package dev.zos.cli.kit;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A plain-text table for people; scripts use {@code -o json} or {@code -o yaml}. */
public record Table(List<String> headers, List<List<String>> rows) {

    public Table {
        headers = List.copyOf(headers);
        rows = rows.stream().map(r -> r.stream().map(c -> Objects.toString(c, "")).toList()).toList();
        for (List<String> row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " cells, table has " + headers.size() + " columns");
            }
        }
    }

    /** A two-column table of field names and values, for showing one object. */
    public static Table ofFields(List<String> names, List<?> values) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            rows.add(List.of(names.get(i), Objects.toString(values.get(i), "")));
        }
        return new Table(List.of("FIELD", "VALUE"), rows);
    }

    public void print(PrintWriter out) {
        int[] width = new int[headers.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = headers.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        printRow(out, headers, width);
        for (List<String> row : rows) {
            printRow(out, row, width);
        }
        out.flush();
    }

    private static void printRow(PrintWriter out, List<String> cells, int[] width) {
        var line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            line.append(cell);
            if (c < cells.size() - 1) {
                line.append(" ".repeat(width[c] - cell.length() + 2));
            }
        }
        out.println(line.toString().stripTrailing());
    }
}
