package org.hhms.vitals.fhir;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hhms.fhir.SearchParameters;
import org.hhms.fhir.VitalSign;
import org.hhms.vitals.reading.Timestamps;
import org.hhms.web.ApiProblem;
import org.springframework.util.MultiValueMap;

/**
 * The search parameters HHMS supports on Observation, read strictly ({@link SearchParameters}): a code HHMS does not
 * store or a malformed date is a 400 naming it too.
 */
record ObservationQuery(UUID patientId, Set<VitalSign> vitals, Instant from, Instant to, int count, Cursor after) {

    static final int DEFAULT_COUNT = 50;
    static final int MAX_COUNT = 1000;
    static final String CURSOR = "_cursor";

    private static final Pattern DATE = Pattern.compile("(eq|ge|gt|le|lt)?(.+)");
    private static final Pattern PARTIAL_DATE = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");

    /** {@code patient}, {@code code}, {@code category}, {@code date} (up to 2), {@code _count}, {@code _cursor}. */
    static ObservationQuery search(MultiValueMap<String, String> sent) {
        SearchParameters parameters = SearchParameters.of(sent, "patient", "code", "category", "date", "_count",
                CURSOR);
        Instant from = null;
        Instant to = null;
        List<String> dates = parameters.all("date");
        if (dates.size() > 2) {
            throw ApiProblem.invalidField("date", "at most two (a lower and an upper bound), got " + dates.size());
        }
        for (String date : dates) {
            Instant[] bounds = bounds(date);
            from = max(from, bounds[0]);
            to = min(to, bounds[1]);
        }
        return new ObservationQuery(parameters.patient(), vitals(parameters), from, to,
                parameters.number("_count", DEFAULT_COUNT, MAX_COUNT), Cursor.parse(parameters.one(CURSOR)));
    }

    /** {@code $lastn}: {@code patient}, {@code code}, {@code category}, {@code max} (1 to 100). */
    static ObservationQuery lastn(MultiValueMap<String, String> sent) {
        SearchParameters parameters = SearchParameters.of(sent, "patient", "code", "category", "max");
        return new ObservationQuery(parameters.patient(), vitals(parameters), null, null,
                parameters.number("max", 1, 100), null);
    }

    /** {@code code} (comma-separated tokens, {@code http://loinc.org|8867-4} or {@code 8867-4}) and category. */
    private static Set<VitalSign> vitals(SearchParameters parameters) {
        Set<VitalSign> vitals = EnumSet.allOf(VitalSign.class);
        for (String codes : parameters.all("code")) {
            Set<VitalSign> named = EnumSet.noneOf(VitalSign.class);
            for (String token : codes.split(",")) {
                String code = token.startsWith(VitalSign.LOINC + "|") ? token.substring(VitalSign.LOINC.length() + 1)
                        : token;
                named.add(VitalSign.ofLoinc(code).filter(v -> !token.contains("|") || token.startsWith(
                        VitalSign.LOINC + "|")).orElseThrow(() -> ApiProblem.invalidField("code", "'" + token
                                + "' is not a code HHMS stores; accepted (LOINC): " + VitalSign.accepted())));
            }
            vitals.retainAll(named);
        }
        for (String categories : parameters.all("category")) {
            Set<String> named = Set.of(categories.replace(Observations.CATEGORY_SYSTEM + "|", "").split(","));
            if (!Set.of("vital-signs", "laboratory").containsAll(named)) {
                throw ApiProblem.invalidField("category", "must be vital-signs or laboratory, got '" + categories
                        + "'");
            }
            vitals.removeIf(v -> !named.contains(v.category()));
        }
        if (vitals.isEmpty()) {
            throw ApiProblem.invalidField("code", "no vital sign matches every code and category given together");
        }
        return vitals;
    }

    /** A date parameter as {@code [from, to)}: a prefix and a year, month, day or time (without offset: UTC). */
    static Instant[] bounds(String parameter) {
        Matcher m = DATE.matcher(parameter);
        if (!m.matches()) {
            throw badDate(parameter);
        }
        String prefix = m.group(1) == null ? "eq" : m.group(1);
        String value = m.group(2);
        Instant start;
        Instant end;
        try {
            if (PARTIAL_DATE.matcher(value).matches()) {
                switch (value.length()) {
                    case 4 -> {
                        start = LocalDate.of(Integer.parseInt(value), 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
                        end = LocalDate.of(Integer.parseInt(value) + 1, 1, 1).atStartOfDay()
                                .toInstant(ZoneOffset.UTC);
                    }
                    case 7 -> {
                        YearMonth month = YearMonth.parse(value);
                        start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                        end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                    }
                    default -> {
                        start = LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
                        end = start.plus(1, ChronoUnit.DAYS);
                    }
                }
            } else {
                start = Timestamps.parse(value).truncatedTo(ChronoUnit.MICROS);
                end = start.plus(1, ChronoUnit.MICROS);
            }
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw badDate(parameter);
        }
        return switch (prefix) {
            case "ge" -> new Instant[] { start, null };
            case "gt" -> new Instant[] { end, null };
            case "le" -> new Instant[] { null, end };
            case "lt" -> new Instant[] { null, start };
            default -> new Instant[] { start, end };
        };
    }

    private static ApiProblem badDate(String parameter) {
        return ApiProblem.invalidField("date", "must be [eq|ge|gt|le|lt] and a date (2026-01-31, 2026-01, 2026) or "
                + "a time (2026-01-31T08:15:00Z), got '" + parameter + "'");
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    /**
     * Where the previous page stopped: the last Observation's reading (time and id) and vital sign. Opaque to
     * clients (base64url); a page starts right after it, so readings arriving meanwhile shift nothing.
     */
    record Cursor(Instant recordedAt, String readingId, VitalSign vital) {

        String token() {
            String raw = ChronoUnit.MICROS.between(Instant.EPOCH, recordedAt) + ":" + vital.key() + ":" + readingId;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String token) {
            if (token == null) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
                        .split(":", 3);
                return new Cursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS), parts[2],
                        VitalSign.ofKey(parts[1]).orElseThrow());
            } catch (RuntimeException e) {
                throw ApiProblem.invalidField(CURSOR, "is not a page link HHMS gave out; follow the Bundle's "
                        + "'next' link as it is");
            }
        }

        Map<String, String> asParameter() {
            return Map.of(CURSOR, token());
        }
    }

    List<VitalSign> vitalsInOrder() {
        return new ArrayList<>(vitals);
    }
}
