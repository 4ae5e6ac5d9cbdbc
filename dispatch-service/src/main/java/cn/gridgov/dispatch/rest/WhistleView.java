package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.whistle.Whistle;
import cn.gridgov.dispatch.whistle.WhistleKind;
import cn.gridgov.dispatch.whistle.WhistleService.Board;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record WhistleView(
        UUID whistleId,
        UUID caseId,
        String caseNumber,
        WhistleKind kind,
        String blownBy,
        Instant blownAt,
        Instant reportBy,
        Whistle.State state,
        Instant closedAt,
        List<Summoned> departments) {

    public record Summoned(
            String departmentCode,
            boolean arrived,
            Instant arrivedAt,
            String arrivedStaffId,
            int escalationLevel) {}

    static WhistleView of(Board board) {
        var w = board.whistle();
        return new WhistleView(
                w.id,
                w.caseId,
                board.caseNumber(),
                w.kind,
                w.blownBy,
                w.blownAt,
                w.reportBy,
                w.state,
                w.closedAt,
                board.summons().stream()
                        .map(
                                s ->
                                        new Summoned(
                                                s.departmentCode,
                                                s.arrived,
                                                s.arrivedAt,
                                                s.arrivedStaffId,
                                                s.escalationLevel))
                        .toList());
    }
}
