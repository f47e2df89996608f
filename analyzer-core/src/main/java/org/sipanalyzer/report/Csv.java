package org.sipanalyzer.report;

/** Guards CSV cells that a spreadsheet would take for a formula (CSV injection). */
final class Csv {

    private Csv() {
    }

    /** Prefixes a cell that starts with =, +, -, @, tab or CR with a quote, as OWASP recommends. */
    static String safe(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }
}
