package cn.gridgov.kit.shutdown;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.KafkaConnector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;

/**
 * On a graceful stop, the Kafka consumers stop before the database pools close. Quarkus closes the
 * pools before it destroys the beans, and SmallRye stops its consumers only when the connector bean
 * is destroyed: in between, every record still arriving failed with "Pool closed", retried until
 * the consumer was closed, and was left for another instance to apply again. Here the connector
 * runs its own graceful stop (pause every partition, wait for the records in flight, commit what
 * was applied, leave the group) as soon as the service starts shutting down, while the pools are
 * still open. Its own stop, when the bean is destroyed later, then finds nothing left to do.
 */
@ApplicationScoped
class ConsumersStopFirst {

    private final KafkaConnector connector;

    ConsumersStopFirst(@Connector(KafkaConnector.CONNECTOR_NAME) KafkaConnector connector) {
        this.connector = connector;
    }

    void stop(@Observes ShutdownEvent stopping) {
        connector.terminate(stopping);
    }
}
