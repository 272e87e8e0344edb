package org.hhms.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.ObjectMapper;

/**
 * A request whose Content-Type is not a concrete media type ({@code *}{@code /*}, {@code application/*}, or not a
 * media type at all) is answered 415 problem details here; further in, Spring would fail on it with a 500.
 */
public class ContentTypeFilter extends OncePerRequestFilter {

    private final ObjectMapper mapper;

    public ContentTypeFilter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && !contentType.isBlank()) {
            String problem = null;
            try {
                MediaType type = MediaType.parseMediaType(contentType);
                if (type.isWildcardType() || type.isWildcardSubtype()) {
                    problem = "is a wildcard";
                }
            } catch (InvalidMediaTypeException e) {
                problem = "is not a media type";
            }
            if (problem != null) {
                ServletProblems.write(request, response, mapper, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "Content-Type '" + contentType.replaceAll("\\p{Cntrl}", "?") + "' " + problem
                                + "; send application/json");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
