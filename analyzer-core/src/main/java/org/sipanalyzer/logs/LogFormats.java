package org.sipanalyzer.logs;

import java.util.List;

/** Every log format sip-analyzer reads, the generic reader last. */
final class LogFormats {

    private LogFormats() {
    }

    static List<LogFormat> all() {
        return List.of(
                new SippFormat.Messages(),
                new SippFormat.ShortMessages(),
                new SippFormat.Errors(),
                new SippFormat.Statistics(),
                new AsteriskFormat(),
                new UserAgentFormats.Sofia(),
                new PjsipFormat(),
                new UserAgentFormats.Baresip(),
                new UserAgentFormats.Linphone(),
                new BlinkFormat(),
                new BrowserConsoleFormat(),
                new SipdumpFormat(),
                NgrepFormat.byline(),
                NgrepFormat.wrapped(),
                new UserAgentFormats.Sngrep(),
                new TsharkTextFormat(),
                new FollowStreamFormat(),
                new JainSipXmlFormat(),
                ZeekFormat.tsv(),
                ZeekFormat.json(),
                new GenericFormat());
    }
}
