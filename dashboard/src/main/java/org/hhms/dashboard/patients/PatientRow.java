package org.hhms.dashboard.patients;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * One patient on the home page: the open clinical episode (its severity, headline and id), NEWS2 with the patient's
 * usual score, the latest value of each vital with its age, and whether a device has gone silent.
 */
public record PatientRow(UUID id, String name, String episodeSeverity, String episodeMessage, String episodeStatus,
        Integer news2, Double news2Usual, List<LatestValue> latest, boolean silent, String lastSeen) {

    /** A vital's newest value, e.g. {@code Heart rate 88 bpm, 4 min ago}. */
    public record LatestValue(Vital vital, String value, String age) {
    }

    /**
     * Most urgent first: a critical episode, then a warning one (each not yet acknowledged before acknowledged: someone
     * already answers that one), then by NEWS2 (the higher the sooner), then a silent
     * device, then by name. The order follows NEWS2's own escalation (RCP 2017: a score of 5, or 3 in one parameter,
     * needs an urgent review) and the alert severities analytics assigns; it is a reading aid, never a filter.
     */
    public static final Comparator<PatientRow> MOST_URGENT_FIRST = Comparator
            .comparingInt((PatientRow row) -> severityRank(row.episodeSeverity))
            .thenComparing(row -> "acknowledged".equals(row.episodeStatus))
            .thenComparing(row -> row.news2 == null ? -1 : row.news2, Comparator.reverseOrder())
            .thenComparing(row -> !row.silent)
            .thenComparing(PatientRow::name, String.CASE_INSENSITIVE_ORDER);

    private static int severityRank(String severity) {
        if (severity == null) {
            return 3;
        }
        return switch (severity) {
            case "critical" -> 0;
            case "warning" -> 1;
            default -> 2;
        };
    }

    /** The trend of NEWS2 against the patient's usual score: "↑", "↓" or "" (the same within 1 point, or unknown). */
    public String news2Trend() {
        if (news2 == null || news2Usual == null) {
            return "";
        }
        double change = news2 - news2Usual;
        return change >= 2 ? "↑" : change <= -2 ? "↓" : "→";
    }
}
