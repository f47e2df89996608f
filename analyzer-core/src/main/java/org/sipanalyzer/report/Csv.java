package org.sipanalyzer.report;

/**
 * Guards CSV cells: against a spreadsheet taking one for a formula (CSV injection), and against control characters
 * from a capture (terminal escape sequences, OSC 52 clipboard writes, BEL) reaching whoever views the file.
 */
final class Csv {

    private Csv() {
    }

    /**
     * Prefixes a cell that starts with =, +, -, @, tab or CR with a quote, as OWASP recommends, and replaces control
     * characters (but tab: {@link TextSafe#isHidden}) with U+FFFD, as the terminal report does.
     */
    static String safe(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        char c = cell.charAt(0);
        String guarded = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
        StringBuilder sb = null;
        for (int i = 0; i < guarded.length(); i++) {
            char ch = guarded.charAt(i);
            if (ch != '\t' && TextSafe.isHidden(ch)) {
                if (sb == null) {
                    sb = new StringBuilder(guarded.length()).append(guarded, 0, i);
                }
                sb.append('\uFFFD');
            } else if (sb != null) {
                sb.append(ch);
            }
        }
        return sb == null ? guarded : sb.toString();
    }
}
