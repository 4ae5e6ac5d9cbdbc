package cn.gridgov.bench.flowable;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.flowable.common.engine.impl.identity.Authentication;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;

/**
 * One case through the eight steps, as the people of the loop would drive it through the engine's
 * Java API: each step finds the case's open task and completes it as the person who does it, with
 * what that person records. The steps and the people are those of the system's full-loop benchmark.
 */
final class CaseLoop {

    /** How long one case took, and how long its routing took to become visible after acceptance. */
    record Timing(long caseNanos, long routingNanos) {}

    private static final String[] CATEGORIES = {"0101", "0102", "0201", "0301", "0402", "0501"};
    private static final long ROUTING_POLL_MILLIS = 5;

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final AtomicLong caseNumbers;

    CaseLoop(ProcessEngine engine, AtomicLong caseNumbers) {
        this.runtime = engine.getRuntimeService();
        this.tasks = engine.getTaskService();
        this.caseNumbers = caseNumbers;
    }

    Timing run() throws InterruptedException {
        long start = System.nanoTime();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String caseNumber = String.format("2026-%06d", caseNumbers.incrementAndGet());
        String process;
        Authentication.setAuthenticatedUserId("G07-2");
        try {
            process =
                    runtime.startProcessInstanceByKey(
                                    "gridCase",
                                    caseNumber,
                                    Map.of(
                                            "category",
                                            CATEGORIES[random.nextInt(CATEGORIES.length)],
                                            "description",
                                            "井盖缺失",
                                            "grid",
                                            "G07",
                                            "longitude",
                                            119.160 + random.nextDouble(0.01),
                                            "latitude",
                                            35.000 + random.nextDouble(0.008),
                                            "handlingDeadline",
                                            "P2D"))
                            .getId();
        } finally {
            Authentication.setAuthenticatedUserId(null);
        }
        complete(process, "verify", "G07-2", Map.of("verified", true));
        complete(process, "accept", "CC-DUTY_CHIEF-1", Map.of("urgency", "URGENT"));
        long accepted = System.nanoTime();
        Task assign = awaitTask(process, "assign");
        long routed = System.nanoTime();
        complete(assign, "ZHZF-1", Map.of("handler", "ZHZF-1"));
        complete(process, "handle", "ZHZF-1", Map.of("progress", "已到场"));
        complete(process, "result", "ZHZF-1", Map.of("result", "已补装井盖"));
        complete(process, "check", "G07-2", Map.of("checked", true));
        complete(process, "close", "CC-DUTY_CHIEF-1", Map.of("closed", true));
        complete(process, "evaluate", "CC-SUPERVISOR-1", Map.of("score", 95));
        return new Timing(System.nanoTime() - start, routed - accepted);
    }

    private void complete(String process, String step, String who, Map<String, Object> record) {
        Task task = openTask(process, step);
        if (task == null) {
            throw new IllegalStateException("case " + process + " has no open task " + step);
        }
        complete(task, who, record);
    }

    private void complete(Task task, String who, Map<String, Object> record) {
        Authentication.setAuthenticatedUserId(who);
        try {
            tasks.complete(task.getId(), who, record);
        } finally {
            Authentication.setAuthenticatedUserId(null);
        }
    }

    /** Routing runs on the engine's async executor after acceptance commits: wait for its task. */
    private Task awaitTask(String process, String step) throws InterruptedException {
        Task task;
        while ((task = openTask(process, step)) == null) {
            Thread.sleep(ROUTING_POLL_MILLIS);
        }
        return task;
    }

    private Task openTask(String process, String step) {
        return tasks.createTaskQuery()
                .processInstanceId(process)
                .taskDefinitionKey(step)
                .singleResult();
    }
}
