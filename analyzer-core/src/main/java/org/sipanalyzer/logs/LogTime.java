package org.sipanalyzer.logs;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Timestamps as logs write them. A date and time is read as UTC unless the log gives an offset; a time of day
 * alone, or a syslog date without a year, is placed on the log's day: a date the log states elsewhere, else the
 * file's modification date, else 1970-01-01, and the reader warns which.
 */
final class LogTime {

    /** How much of the time a log gave. */
    enum Kind { NONE, TIME_OF_DAY, FULL }

    private static final String FRACTION = "(?:[.,:](\\d{1,9}))?";
    private static final String ZONE = "(?:\\s?(Z|UTC|GMT|[+-]\\d{2}:?\\d{2})\\b)?";
    private static final String MONTHS = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    /** 2024-03-01 10:00:00.123, 2024/03/01T10:00:00,123+01:00, 2024-03-01 10:00:00:123 (liblinphone). */
    static final Pattern YMD = Pattern.compile(
            "\\b(\\d{4})[-/](\\d{2})[-/](\\d{2})[ T](\\d{2}):(\\d{2}):(\\d{2})" + FRACTION + ZONE);
    /** 03/01/2024 10:00:00.123 (month first). */
    private static final Pattern MDY = Pattern.compile(
            "\\b(\\d{2})/(\\d{2})/(\\d{4}) (\\d{2}):(\\d{2}):(\\d{2})" + FRACTION);
    /** Dec  2, 2026 10:00:00.123456789 UTC (tshark's arrival time). */
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
            "\\b" + MONTHS + " {1,2}(\\d{1,2}), (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2})" + FRACTION + ZONE);
    /** Wed Dec 02 2026 08:24:06 GMT+0000 (JavaScript's Date.toString). */
    private static final Pattern JS_DATE = Pattern.compile(
            "\\b" + MONTHS + " (\\d{2}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) GMT([+-]\\d{4})\\b");
    /** Wed Dec  2 07:53:11 2026 (C's ctime). */
    private static final Pattern CTIME = Pattern.compile(
            "\\b" + MONTHS + " {1,2}(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})\\b");
    /** Dec  2 10:00:00 (syslog, Asterisk): no year. */
    static final Pattern SYSLOG = Pattern.compile(
            "\\b" + MONTHS + " {1,2}(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})" + FRACTION + "\\b");
    /** 10:00:00.123456: a time of day with a fraction (without one it is too easily something else). */
    static final Pattern TIME_OF_DAY = Pattern.compile(
            "(?<![\\d:.])(\\d{2}):(\\d{2}):(\\d{2})[.,](\\d{1,9})(?![\\d:])");

    private static final long DAY = 86_400_000_000_000L;

    private LocalDate day;
    private String dayFrom;
    private final LocalDate fileDate;
    private long lastTimeOfDay = -1;
    private int daysAdded;
    private boolean anchoredWarned;

    /** @param fileDate the log file's modification date (UTC), or null when unknown (standard input) */
    LogTime(LocalDate fileDate) {
        this.fileDate = fileDate;
    }

    /** A time read from a log. */
    record Stamp(long nanos, Kind kind) {
    }

    /** The first date-and-time in {@code text}, else its first time of day; null when it has neither. */
    Stamp find(String text) {
        Stamp s = findDated(text);
        if (s != null) {
            return s;
        }
        Matcher m = TIME_OF_DAY.matcher(text);
        if (m.find()) {
            return timeOfDay(num(m, 1), num(m, 2), num(m, 3), m.group(4));
        }
        return null;
    }

    /** Only a date and time (with year, or a syslog date), never a bare time of day. */
    Stamp findDated(String text) {
        Matcher m = YMD.matcher(text);
        if (m.find()) {
            return full(num(m, 1), num(m, 2), num(m, 3), num(m, 4), num(m, 5), num(m, 6), m.group(7), m.group(8));
        }
        m = MONTH_DAY_YEAR.matcher(text);
        if (m.find()) {
            return full(num(m, 3), month(m.group(1)), num(m, 2), num(m, 4), num(m, 5), num(m, 6), m.group(7),
                    m.group(8));
        }
        m = MDY.matcher(text);
        if (m.find()) {
            return full(num(m, 3), num(m, 1), num(m, 2), num(m, 4), num(m, 5), num(m, 6), m.group(7), null);
        }
        m = JS_DATE.matcher(text);
        if (m.find()) {
            return full(num(m, 3), month(m.group(1)), num(m, 2), num(m, 4), num(m, 5), num(m, 6), null, m.group(7));
        }
        m = CTIME.matcher(text);
        if (m.find()) {
            return full(num(m, 6), month(m.group(1)), num(m, 2), num(m, 3), num(m, 4), num(m, 5), null, null);
        }
        m = SYSLOG.matcher(text);
        if (m.find()) {
            int year = (day != null ? day : fileDate != null ? fileDate : LocalDate.of(1970, 1, 1)).getYear();
            return full(year, month(m.group(1)), num(m, 2), num(m, 3), num(m, 4), num(m, 5), m.group(6), null);
        }
        return null;
    }

    /** A time of day given as its parts, placed on the log's day (a day later each time the clock goes round). */
    Stamp timeOfDay(int h, int mi, int s, String fraction) {
        if (h > 23 || mi > 59 || s > 60) {
            return null;
        }
        long t = ((h * 60L + mi) * 60 + s) * 1_000_000_000L + fractionNanos(fraction);
        if (lastTimeOfDay >= 0 && t < lastTimeOfDay - DAY / 2) {
            daysAdded++;
        }
        lastTimeOfDay = t;
        LocalDate d = day != null ? day : fileDate != null ? fileDate : LocalDate.of(1970, 1, 1);
        if (dayFrom == null) {
            dayFrom = day != null ? null : fileDate != null ? "file" : "none";
        }
        return new Stamp(d.toEpochDay() * DAY + daysAdded * DAY + t, Kind.TIME_OF_DAY);
    }

    /** Epoch seconds with a fraction, as Zeek and tshark write them. */
    static Stamp epochSeconds(String text) {
        try {
            int dot = text.indexOf('.');
            long secs = Long.parseLong(dot < 0 ? text : text.substring(0, dot));
            long frac = dot < 0 ? 0 : fractionNanos(text.substring(dot + 1));
            if (secs < 0 || secs > 32_503_680_000L) {
                return null;
            }
            return new Stamp(secs * 1_000_000_000L + frac, Kind.FULL);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** What the reader should warn about how times of day were dated, once; null when nothing. */
    String anchorWarning() {
        if (dayFrom == null || anchoredWarned) {
            return null;
        }
        anchoredWarned = true;
        return switch (dayFrom) {
            case "file" -> "the log gives times of day without a date: dated by the file's modification date, "
                    + fileDate;
            case "none" -> "the log gives times of day without a date: dated 1970-01-01 (delays are right; dates are"
                    + " not)";
            default -> null;
        };
    }

    private Stamp full(int y, int mo, int d, int h, int mi, int s, String fraction, String zone) {
        try {
            LocalDateTime t = LocalDateTime.of(y, mo, d, h, mi, s == 60 ? 59 : s);
            long secs = t.toEpochSecond(offset(zone));
            day = t.toLocalDate();
            return new Stamp(secs * 1_000_000_000L + fractionNanos(fraction), Kind.FULL);
        } catch (RuntimeException e) {
            return null; // not a date after all (month 13, say)
        }
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null || zone.equals("Z") || zone.equals("UTC") || zone.equals("GMT")) {
            return ZoneOffset.UTC;
        }
        String z = zone.replace(":", "");
        int sign = z.charAt(0) == '-' ? -1 : 1;
        int hh = Integer.parseInt(z.substring(1, 3));
        int mm = Integer.parseInt(z.substring(3, 5));
        if (hh > 18 || mm > 59) {
            return ZoneOffset.UTC;
        }
        return ZoneOffset.ofTotalSeconds(sign * (hh * 3600 + mm * 60));
    }

    static long fractionNanos(String f) {
        if (f == null || f.isEmpty()) {
            return 0;
        }
        String digits = f.length() > 9 ? f.substring(0, 9) : f;
        return Long.parseLong((digits + "000000000").substring(0, 9));
    }

    private static int month(String name) {
        return "JanFebMarAprMayJunJulAugSepOctNovDec".indexOf(name.substring(0, 3)) / 3 + 1;
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
