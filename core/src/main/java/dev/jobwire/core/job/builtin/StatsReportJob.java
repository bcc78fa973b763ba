package dev.jobwire.core.job.builtin;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.jobwire.core.job.Inputs;
import dev.jobwire.core.job.InvalidInputException;
import dev.jobwire.core.job.JobContext;
import dev.jobwire.core.job.JobHandler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code report.stats}: a statistical report over tabular data, with progress by rows processed.
 * Input either {@code csv} (text with a header row, up to 60,000 characters) or a synthetic
 * sales ledger of {@code rows} orders made from {@code seed} (the same seed gives the same
 * report). Numeric columns get count, sum, mean, min, max, standard deviation and the 50th and
 * 95th percentiles; text columns get their distinct count and most frequent values.
 */
public final class StatsReportJob implements JobHandler {
    private static final Set<String> FIELDS = Set.of("csv", "rows", "seed");
    private static final int MAX_CSV = 60_000;
    private static final int REPORTS = 20;
    private static final String[] REGIONS = {"north", "south", "east", "west", "central"};
    private static final String[] PRODUCTS = {"anvil", "bolt", "cable", "drill", "engine", "filter", "gear", "hinge"};

    @Override
    public String type() {
        return "report.stats";
    }

    @Override
    public String description() {
        return "Statistics per column of csv (text with a header row), or of a synthetic sales ledger of rows "
                + "orders (1–5,000,000, default 100,000) from seed.";
    }

    @Override
    public void validate(JsonObject input) throws InvalidInputException {
        Inputs.onlyFields(input, FIELDS);
        String csv = Inputs.string(input, "csv", null, MAX_CSV);
        if (csv != null && (input.has("rows") || input.has("seed"))) {
            throw new InvalidInputException("give either csv or rows/seed, not both");
        }
        if (csv != null) {
            parseCsv(csv);
        }
        Inputs.integer(input, "rows", 100_000, 1, 5_000_000);
        Inputs.integer(input, "seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Override
    public JsonElement run(JobContext context) throws Exception {
        JsonObject input = context.input();
        String csv = Inputs.string(input, "csv", null, MAX_CSV);
        Table table;
        if (csv != null) {
            table = parseCsv(csv);
        } else {
            int rows = (int) Inputs.integer(input, "rows", 100_000, 1, 5_000_000);
            long seed = Inputs.integer(input, "seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
            table = new SyntheticLedger(rows, seed);
        }
        List<Column> columns = new ArrayList<>();
        for (String name : table.header()) {
            columns.add(new Column(name));
        }
        int rows = table.size();
        int reportEvery = Math.max(1, rows / REPORTS);
        for (int row = 0; row < rows; row++) {
            String[] values = table.row(row);
            for (int c = 0; c < columns.size(); c++) {
                columns.get(c).add(c < values.length ? values[c] : "");
            }
            int done = row + 1;
            if (done % reportEvery == 0 && done < rows) {
                context.progress().report((int) ((long) done * 100 / rows), done + " of " + rows + " rows");
            }
        }
        JsonObject result = new JsonObject();
        result.addProperty("source", csv != null ? "csv" : "synthetic sales ledger");
        result.addProperty("rows", rows);
        JsonObject byColumn = new JsonObject();
        for (Column column : columns) {
            byColumn.add(column.name, column.summary());
        }
        result.add("columns", byColumn);
        context.progress().report(100, rows + " of " + rows + " rows");
        return result;
    }

    private static Table parseCsv(String csv) throws InvalidInputException {
        List<String> lines = csv.lines().filter(line -> !line.isBlank()).toList();
        if (lines.size() < 2) {
            throw new InvalidInputException("csv needs a header row and at least one data row");
        }
        String[] header = lines.get(0).split(",", -1);
        List<String[]> data = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] values = lines.get(i).split(",", -1);
            if (values.length != header.length) {
                throw new InvalidInputException("csv row " + (i + 1) + " has " + values.length
                        + " values; the header has " + header.length);
            }
            data.add(values);
        }
        return new CsvTable(header, data);
    }

    private interface Table {
        String[] header();

        int size();

        String[] row(int index);
    }

    private record CsvTable(String[] header, List<String[]> data) implements Table {
        @Override
        public int size() {
            return data.size();
        }

        @Override
        public String[] row(int index) {
            return data.get(index);
        }
    }

    /** Orders generated row by row from one seeded stream, so memory stays flat for millions of rows. */
    private static final class SyntheticLedger implements Table {
        private final int rows;
        private final SplittableRandom random;

        SyntheticLedger(int rows, long seed) {
            this.rows = rows;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public String[] header() {
            return new String[] {"region", "product", "quantity", "unitPrice", "amount"};
        }

        @Override
        public int size() {
            return rows;
        }

        @Override
        public String[] row(int index) {
            String region = REGIONS[random.nextInt(REGIONS.length)];
            int product = random.nextInt(PRODUCTS.length);
            int quantity = 1 + random.nextInt(20);
            double unitPrice = Math.round(Math.exp(2 + product * 0.4 + random.nextGaussian() * 0.3) * 100) / 100.0;
            double amount = Math.round(quantity * unitPrice * 100) / 100.0;
            return new String[] {region, PRODUCTS[product], Integer.toString(quantity), Double.toString(unitPrice),
                    Double.toString(amount)};
        }
    }

    private static final class Column {
        private static final int MAX_DISTINCT = 1000;
        private final String name;
        private long numbers;
        private long texts;
        private double sum;
        private double sumOfSquares;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private final LogHistogram histogram = new LogHistogram();
        private final Map<String, Long> counts = new HashMap<>();
        private boolean distinctOverflow;

        Column(String name) {
            this.name = name.isBlank() ? "column" : name.trim();
        }

        void add(String raw) {
            String value = raw.trim();
            double number;
            try {
                number = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                number = Double.NaN;
            }
            if (Double.isFinite(number)) {
                numbers++;
                sum += number;
                sumOfSquares += number * number;
                min = Math.min(min, number);
                max = Math.max(max, number);
                histogram.add(number);
            } else {
                texts++;
                if (counts.containsKey(value) || counts.size() < MAX_DISTINCT) {
                    counts.merge(value, 1L, Long::sum);
                } else {
                    distinctOverflow = true;
                }
            }
        }

        JsonObject summary() {
            JsonObject json = new JsonObject();
            if (numbers >= texts) {
                double mean = sum / numbers;
                double variance = Math.max(0, sumOfSquares / numbers - mean * mean);
                json.addProperty("kind", "number");
                json.addProperty("count", numbers);
                json.addProperty("sum", round(sum));
                json.addProperty("mean", round(mean));
                json.addProperty("min", round(min));
                json.addProperty("max", round(max));
                json.addProperty("stddev", round(Math.sqrt(variance)));
                json.addProperty("p50", round(histogram.quantile(0.50)));
                json.addProperty("p95", round(histogram.quantile(0.95)));
                if (texts > 0) {
                    json.addProperty("nonNumeric", texts);
                }
            } else {
                json.addProperty("kind", "text");
                json.addProperty("count", texts);
                json.addProperty("distinct", counts.size());
                if (distinctOverflow) {
                    json.addProperty("distinctAtLeast", true);
                }
                JsonArray top = new JsonArray();
                Map<String, Long> sorted = new LinkedHashMap<>();
                counts.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(5)
                        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
                sorted.forEach((value, count) -> {
                    JsonObject item = new JsonObject();
                    item.addProperty("value", value);
                    item.addProperty("count", count);
                    top.add(item);
                });
                json.add("top", top);
            }
            return json;
        }

        private static double round(double value) {
            return Math.round(value * 10_000) / 10_000.0;
        }
    }

    /**
     * Quantiles within about 1% relative error in constant memory: buckets grow geometrically
     * with the magnitude of the value, one set for negatives and one for positives.
     */
    private static final class LogHistogram {
        private static final double GROWTH = 1.02;
        private static final double LOG_GROWTH = Math.log(GROWTH);
        private final Map<Integer, Long> positive = new HashMap<>();
        private final Map<Integer, Long> negative = new HashMap<>();
        private long zeros;
        private long total;

        void add(double value) {
            total++;
            if (value == 0) {
                zeros++;
            } else if (value > 0) {
                positive.merge(bucket(value), 1L, Long::sum);
            } else {
                negative.merge(bucket(-value), 1L, Long::sum);
            }
        }

        double quantile(double q) {
            long rank = (long) Math.ceil(q * total);
            long seen = 0;
            List<Integer> negatives = new ArrayList<>(negative.keySet());
            negatives.sort(Comparator.reverseOrder());
            for (int b : negatives) {
                seen += negative.get(b);
                if (seen >= rank) {
                    return -value(b);
                }
            }
            seen += zeros;
            if (seen >= rank) {
                return 0;
            }
            List<Integer> positives = new ArrayList<>(positive.keySet());
            positives.sort(Comparator.naturalOrder());
            for (int b : positives) {
                seen += positive.get(b);
                if (seen >= rank) {
                    return value(b);
                }
            }
            return 0;
        }

        private static int bucket(double magnitude) {
            return (int) Math.floor(Math.log(magnitude) / LOG_GROWTH);
        }

        private static double value(int bucket) {
            return Math.pow(GROWTH, bucket + 0.5);
        }
    }
}
