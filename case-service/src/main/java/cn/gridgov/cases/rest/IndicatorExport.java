package cn.gridgov.cases.rest;

import cn.gridgov.cases.evaluation.Indicator;
import cn.gridgov.cases.evaluation.IndicatorReport;
import cn.gridgov.cases.evaluation.Measure;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A report as the office pastes it into its weekly report: a CSV (UTF-8 with a byte-order mark, so
 * Excel shows Chinese as written) or an Excel workbook, one line per unit, the total first, then
 * rank, score, grade, each indicator (rates between 0 and 1) and each count.
 */
final class IndicatorExport {

    private static final CsvMapper CSV = new CsvMapper();
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private IndicatorExport() {}

    static List<String> header() {
        var header = new ArrayList<>(List.of("rank", "unit", "score", "grade"));
        for (var indicator : Indicator.values()) {
            header.add(indicator.field() + " " + indicator.label());
        }
        header.add("averageSatisfaction");
        for (var measure : Measure.values()) {
            header.add(measure.field());
        }
        return header;
    }

    static List<List<Object>> lines(IndicatorReport.Report report) {
        var lines = new ArrayList<List<Object>>();
        lines.add(line(report.total()));
        report.lines().forEach(line -> lines.add(line(line)));
        return lines;
    }

    private static List<Object> line(IndicatorReport.Line line) {
        var cells = new ArrayList<Object>();
        cells.add(line.rank());
        cells.add(line.unit());
        cells.add(line.score());
        cells.add(line.grade());
        for (var indicator : Indicator.values()) {
            cells.add(line.counts().rate(indicator));
        }
        cells.add(line.counts().averageSatisfaction());
        for (var measure : Measure.values()) {
            cells.add(line.counts().count(measure));
        }
        return cells;
    }

    static byte[] csv(IndicatorReport.Report report) {
        var schema = CsvSchema.builder();
        header().forEach(schema::addColumn);
        try {
            var text = CSV.writer(schema.build().withHeader()).writeValueAsString(lines(report));
            var bytes = text.getBytes(StandardCharsets.UTF_8);
            var out = new byte[BOM.length + bytes.length];
            System.arraycopy(BOM, 0, out, 0, BOM.length);
            System.arraycopy(bytes, 0, out, BOM.length, bytes.length);
            return out;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] xlsx(IndicatorReport.Report report) {
        try (var workbook = new XSSFWorkbook();
                var out = new ByteArrayOutputStream()) {
            var sheet =
                    workbook.createSheet(
                            report.by().name().toLowerCase(Locale.ROOT)
                                    + " "
                                    + report.from()
                                    + " "
                                    + report.to());
            var header = sheet.createRow(0);
            var names = header();
            for (int i = 0; i < names.size(); i++) {
                header.createCell(i).setCellValue(names.get(i));
            }
            var lines = lines(report);
            for (int r = 0; r < lines.size(); r++) {
                var row = sheet.createRow(r + 1);
                var cells = lines.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    var value = cells.get(c);
                    if (value instanceof Number number) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    } else if (value != null) {
                        row.createCell(c).setCellValue(value.toString());
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
