package org.sipanalyzer.logs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The SIP traces of user agents and capture viewers that print each message after a line naming its endpoints. */
final class UserAgentFormats {

    private UserAgentFormats() {
    }

    /**
     * baresip with {@code sip_trace yes}: a line {@code #} (in colour on a terminal), then
     * {@code UDP 127.0.0.1:17010 -> 127.0.0.1:17011}, then the message. No times.
     */
    static final class Baresip extends LogFormat.Blocks {

        private static final Pattern ROUTE = Pattern.compile("^(UDP|TCP|TLS|WSS?|SCTP) " + Endpoints.HOST
                + ":(\\d{1,5}) -> " + Endpoints.HOST + ":(\\d{1,5})\\s*$");
        private static final Pattern MARK = Pattern.compile("^(?:\\x1b\\[[0-9;]*m)*#(?:\\x1b\\[[0-9;]*m)*$");

        @Override
        String name() {
            return "baresip SIP trace";
        }

        @Override
        int confidence(Head head) {
            return head.any(ROUTE) && head.any(MARK) ? 90 : 0;
        }

        @Override
        Layout layout() {
            return new Layout() {
                @Override
                boolean describe(String line, Meta meta, LogTime time) {
                    Matcher m = ROUTE.matcher(line);
                    if (m.find()) {
                        meta.transport = Endpoints.transport(m.group(1));
                        meta.source = Endpoints.parse(m.group(2), m.group(3));
                        meta.destination = Endpoints.parse(m.group(4), m.group(5));
                        return true;
                    }
                    return MARK.matcher(line).find();
                }

                @Override
                String content(String line) {
                    // The colour reset baresip prints after a message may share the message's last line.
                    String s = line.replaceAll("\\x1b\\[[0-9;]*m", "");
                    return MARK.matcher(line).find() || ROUTE.matcher(s).find() ? null : s;
                }

                @Override
                boolean requiresDescription() {
                    return true;
                }
            };
        }
    }

    /**
     * liblinphone (linphonec, Linphone) with debug logs: {@code 2026-12-02 07:52:42:283 belle-sip-message-channel
     * [0x...]: message sent to [UDP://127.0.0.1:17021], size: [1084] bytes} (or {@code received [288] new bytes from
     * [UDP://127.0.0.1:17021]:}), then the message. Only the remote end is named. The times are when the library
     * logged, which can trail the wire by tens of milliseconds.
     */
    static final class Linphone extends LogFormat.Blocks {

        private static final Pattern EVENT = Pattern.compile(
                "\\b(message sent to|message received from|received \\[\\d{1,9}\\]"
                + " new bytes from) \\[(\\w{2,5})://\\[?([0-9A-Fa-f:.]{2,45}?)\\]?:(\\d{1,5})\\]");

        @Override
        String name() {
            return "liblinphone log";
        }

        @Override
        int confidence(Head head) {
            return head.any(EVENT) ? 90 : head.any(Pattern.compile("belle-sip-|liblinphone-")) ? 20 : 0;
        }

        @Override
        Layout layout() {
            return new Layout() {
                @Override
                boolean describe(String line, Meta meta, LogTime time) {
                    Matcher m = EVENT.matcher(line);
                    if (!m.find()) {
                        return false;
                    }
                    meta.direction(m.group(1).contains("received"), Endpoints.UNKNOWN,
                            Endpoints.parse(m.group(3), m.group(4)));
                    meta.transport = Endpoints.transport(m.group(2));
                    meta.time = time.findDated(line);
                    return true;
                }

                @Override
                boolean requiresDescription() {
                    return true;
                }
            };
        }
    }

    /**
     * sofia-sip's transport log ({@code TPORT_LOG=1}), which FreeSWITCH prints for {@code sofia global siptrace on}
     * and drachtio-server in its log: {@code recv 512 bytes from udp/[127.0.0.1]:5060 at 07:52:42.123456:} (or
     * {@code send ... to ...}), a rule of dashes, the message indented by three spaces, a rule of dashes. Its dump
     * ({@code TPORT_DUMP=FILE}) says {@code sent} and keeps the message unindented, and each run opens with
     * {@code dump started at Wed Dec  2 07:53:11 2026}, which dates the times of day. Only the remote end is named.
     */
    static final class Sofia extends LogFormat.Blocks {

        private static final Pattern EVENT = Pattern.compile(
                "\\b(recv|send|sent) \\d{1,9} bytes (?:from|to) (\\w{2,5})/\\[?"
                + "([0-9A-Fa-f:.]{2,45}?)\\]?:(\\d{1,5})(?: at (\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{1,9}))?");
        private static final Pattern RULE = Pattern.compile("^\\s*-{20,}\\s*$");
        private static final Pattern DUMP = Pattern.compile("^dump started at ");

        @Override
        String name() {
            return "sofia-sip transport log";
        }

        @Override
        int confidence(Head head) {
            return head.any(EVENT) ? 90 : 0;
        }

        @Override
        Layout layout() {
            return new Layout() {
                @Override
                boolean describe(String line, Meta meta, LogTime time) {
                    Matcher m = EVENT.matcher(line);
                    if (m.find()) {
                        meta.direction(m.group(1).equals("recv"), Endpoints.UNKNOWN,
                                Endpoints.parse(m.group(3), m.group(4)));
                        meta.transport = Endpoints.transport(m.group(2));
                        LogTime.Stamp dated = time.findDated(line);
                        meta.time = dated != null ? dated : m.group(5) == null ? null
                                : time.timeOfDay(Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
                                        Integer.parseInt(m.group(7)), m.group(8));
                        return true;
                    }
                    if (DUMP.matcher(line).find()) {
                        time.findDated(line); // the dump's date dates the times of day that follow
                        return true;
                    }
                    return RULE.matcher(line).find();
                }

                @Override
                String content(String line) {
                    if (RULE.matcher(line).find() || EVENT.matcher(line).find()) {
                        return null;
                    }
                    return line.startsWith("   ") ? line.substring(3) : line;
                }

                @Override
                boolean requiresDescription() {
                    return true;
                }
            };
        }
    }

    /**
     * sngrep's "Save as .txt": per message a line
     * {@code 2026/12/02 07:52:19.960635 127.0.0.1:16090 -> 127.0.0.1:16060}, then the message.
     */
    static final class Sngrep extends LogFormat.Blocks {

        private static final Pattern ROUTE = Pattern.compile("^(\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{1,9}) "
                + Endpoints.HOST + ":(\\d{1,5}) -> " + Endpoints.HOST + ":(\\d{1,5})\\s*$");

        @Override
        String name() {
            return "sngrep text export";
        }

        @Override
        int confidence(Head head) {
            return head.any(ROUTE) ? 85 : 0;
        }

        @Override
        Layout layout() {
            return new Layout() {
                @Override
                boolean describe(String line, Meta meta, LogTime time) {
                    Matcher m = ROUTE.matcher(line);
                    if (!m.find()) {
                        return false;
                    }
                    meta.time = time.findDated(m.group(1));
                    meta.source = Endpoints.parse(m.group(2), m.group(3));
                    meta.destination = Endpoints.parse(m.group(4), m.group(5));
                    return true;
                }

                @Override
                boolean requiresDescription() {
                    return true;
                }
            };
        }
    }
}
