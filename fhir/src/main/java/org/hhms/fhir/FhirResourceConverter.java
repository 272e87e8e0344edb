package org.hhms.fhir;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;

import org.hhms.web.ApiProblem;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;

/**
 * Reads and writes FHIR R4 resources as JSON with HAPI's parser ({@code application/fhir+json}, and plain
 * {@code application/json} for clients that send it). Reading is strict: an element R4 does not define, a wrong
 * type or a malformed value is a 400 naming it, never silently dropped.
 */
public class FhirResourceConverter extends AbstractHttpMessageConverter<IBaseResource> {

    public static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

    private final FhirContext context;

    public FhirResourceConverter(FhirContext context) {
        super(StandardCharsets.UTF_8, FHIR_JSON, MediaType.APPLICATION_JSON);
        this.context = context;
    }

    @Override
    protected boolean supports(Class<?> type) {
        return IBaseResource.class.isAssignableFrom(type);
    }

    @Override
    protected IBaseResource readInternal(Class<? extends IBaseResource> type, HttpInputMessage input)
            throws IOException {
        try {
            return parser().parseResource(type, new InputStreamReader(input.getBody(), StandardCharsets.UTF_8));
        } catch (DataFormatException e) {
            // An ApiProblem, not HttpMessageNotReadableException: the detail names what HAPI found wrong.
            String found = String.valueOf(e.getMessage()).replaceAll("\\p{Cntrl}", "?");
            throw ApiProblem.badRequest("The body is not a FHIR R4 " + type.getSimpleName() + " in JSON: "
                    + (found.length() > 300 ? found.substring(0, 300) + "…" : found));
        }
    }

    @Override
    protected void writeInternal(IBaseResource resource, HttpOutputMessage output) throws IOException {
        Writer writer = new OutputStreamWriter(output.getBody(), StandardCharsets.UTF_8);
        parser().encodeResourceToWriter(resource, writer);
        writer.flush();
    }

    /** HAPI's parsers are not thread-safe; a new one is cheap (the context holds the model). */
    private IParser parser() {
        return context.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    }
}
