package cn.gridgov.cases.open311;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.util.List;

/**
 * The documents of GeoReport v2 (and of the servicerequestupdates extension FixMyStreet reads and
 * posts through), as records that Jackson writes and reads in both formats: the field names are the
 * specification's (snake case, see {@link Open311Format}), and the XML element names are written
 * here. A list document is a bare array in JSON and a root element around its items in XML.
 *
 * <p>A list inside a document is wrapped in XML ({@code <endpoints><endpoint>}); Jackson XML reads
 * such a list into a record only through a constructor that names the parameter by the wrapper, so
 * those records declare theirs. An empty list is written as an empty element, read back as none:
 * the constructors make both an empty list.
 */
public final class GeoReport {

    private GeoReport() {}

    private static <T> List<T> listOf(List<T> items) {
        return items == null ? List.of() : List.copyOf(items);
    }

    /** A document that is a list of items: JSON writes the items alone. */
    public interface ListDocument<T> {
        List<T> items();
    }

    @JacksonXmlRootElement(localName = "discovery")
    public record Discovery(
            String changeset,
            String contact,
            String keyService,
            @JacksonXmlElementWrapper(localName = "endpoints")
                    @JacksonXmlProperty(localName = "endpoint")
                    List<Endpoint> endpoints) {
        @JsonCreator
        public Discovery(
                @JsonProperty("changeset") String changeset,
                @JsonProperty("contact") String contact,
                @JsonProperty("key_service") String keyService,
                @JsonProperty("endpoints") List<Endpoint> endpoints) {
            this.changeset = changeset;
            this.contact = contact;
            this.keyService = keyService;
            this.endpoints = listOf(endpoints);
        }
    }

    public record Endpoint(
            String specification,
            String url,
            String changeset,
            String type,
            @JacksonXmlElementWrapper(localName = "formats")
                    @JacksonXmlProperty(localName = "format")
                    List<String> formats) {
        @JsonCreator
        public Endpoint(
                @JsonProperty("specification") String specification,
                @JsonProperty("url") String url,
                @JsonProperty("changeset") String changeset,
                @JsonProperty("type") String type,
                @JsonProperty("formats") List<String> formats) {
            this.specification = specification;
            this.url = url;
            this.changeset = changeset;
            this.type = type;
            this.formats = listOf(formats);
        }
    }

    public record Service(
            String serviceCode,
            String serviceName,
            String description,
            boolean metadata,
            String type,
            String keywords,
            String group) {}

    @JacksonXmlRootElement(localName = "services")
    public record Services(
            @JacksonXmlElementWrapper(useWrapping = false)
                    @JacksonXmlProperty(localName = "service")
                    List<Service> items)
            implements ListDocument<Service> {
        public Services {
            items = listOf(items);
        }
    }

    @JacksonXmlRootElement(localName = "service_definition")
    public record ServiceDefinition(
            String serviceCode,
            @JacksonXmlElementWrapper(localName = "attributes")
                    @JacksonXmlProperty(localName = "attribute")
                    List<Attribute> attributes) {
        @JsonCreator
        public ServiceDefinition(
                @JsonProperty("service_code") String serviceCode,
                @JsonProperty("attributes") List<Attribute> attributes) {
            this.serviceCode = serviceCode;
            this.attributes = listOf(attributes);
        }
    }

    public record Attribute(
            boolean variable,
            String code,
            String datatype,
            boolean required,
            String datatypeDescription,
            int order,
            String description,
            @JacksonXmlElementWrapper(localName = "values") @JacksonXmlProperty(localName = "value")
                    List<Value> values) {
        @JsonCreator
        public Attribute(
                @JsonProperty("variable") boolean variable,
                @JsonProperty("code") String code,
                @JsonProperty("datatype") String datatype,
                @JsonProperty("required") boolean required,
                @JsonProperty("datatype_description") String datatypeDescription,
                @JsonProperty("order") int order,
                @JsonProperty("description") String description,
                @JsonProperty("values") List<Value> values) {
            this.variable = variable;
            this.code = code;
            this.datatype = datatype;
            this.required = required;
            this.datatypeDescription = datatypeDescription;
            this.order = order;
            this.description = description;
            this.values = listOf(values);
        }
    }

    public record Value(String key, String name) {}

    /** A request as anyone may read it: no reporter's name or contact. */
    public record Request(
            String serviceRequestId,
            String status,
            String statusNotes,
            String serviceName,
            String serviceCode,
            String description,
            String agencyResponsible,
            String serviceNotice,
            String requestedDatetime,
            String updatedDatetime,
            String expectedDatetime,
            String address,
            Double lat,
            @JsonProperty("long") Double lon,
            String mediaUrl) {}

    @JacksonXmlRootElement(localName = "service_requests")
    public record Requests(
            @JacksonXmlElementWrapper(useWrapping = false)
                    @JacksonXmlProperty(localName = "request")
                    List<Request> items)
            implements ListDocument<Request> {
        public Requests {
            items = listOf(items);
        }
    }

    /**
     * The answer to a posted request: its id once it is a case; until then (an address to be placed
     * by a dispatcher) only the token, which {@code tokens/{token}} turns into the id later.
     */
    public record Receipt(
            String serviceRequestId, String token, String serviceNotice, String accountId) {}

    @JacksonXmlRootElement(localName = "service_requests")
    public record Receipts(
            @JacksonXmlElementWrapper(useWrapping = false)
                    @JacksonXmlProperty(localName = "request")
                    List<Receipt> items)
            implements ListDocument<Receipt> {
        public Receipts {
            items = listOf(items);
        }
    }

    public record Update(
            String updateId,
            String serviceRequestId,
            String status,
            String updatedDatetime,
            String description,
            String mediaUrl) {}

    @JacksonXmlRootElement(localName = "service_request_updates")
    public record Updates(
            @JacksonXmlElementWrapper(useWrapping = false)
                    @JacksonXmlProperty(localName = "request_update")
                    List<Update> items)
            implements ListDocument<Update> {
        public Updates {
            items = listOf(items);
        }
    }

    public record UpdateReceipt(String updateId) {}

    @JacksonXmlRootElement(localName = "service_request_updates")
    public record UpdateReceipts(
            @JacksonXmlElementWrapper(useWrapping = false)
                    @JacksonXmlProperty(localName = "request_update")
                    List<UpdateReceipt> items)
            implements ListDocument<UpdateReceipt> {
        public UpdateReceipts {
            items = listOf(items);
        }
    }

    public record Error(int code, String description) {}

    @JacksonXmlRootElement(localName = "errors")
    public record Errors(
            @JacksonXmlElementWrapper(useWrapping = false) @JacksonXmlProperty(localName = "error")
                    List<Error> items)
            implements ListDocument<Error> {
        public Errors {
            items = listOf(items);
        }
    }
}
