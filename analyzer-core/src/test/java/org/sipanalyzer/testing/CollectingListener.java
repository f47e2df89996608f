package org.sipanalyzer.testing;

import java.util.ArrayList;
import java.util.List;
import org.sipanalyzer.analysis.SipEvent;
import org.sipanalyzer.analysis.StatisticsListener;

/** A listener that keeps every event it is given, for tests. */
public final class CollectingListener implements StatisticsListener {

    private final List<SipEvent> events;

    public CollectingListener(List<SipEvent> events) {
        this.events = events;
    }

    @Override
    public String name() {
        return "collect";
    }

    @Override
    public void onEvent(SipEvent e) {
        events.add(e);
    }
}
