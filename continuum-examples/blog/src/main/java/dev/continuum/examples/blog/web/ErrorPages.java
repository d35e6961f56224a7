package dev.continuum.examples.blog.web;

import dev.continuum.ContinuumException;
import dev.continuum.examples.blog.history.RestoreConflictException;
import dev.continuum.examples.blog.post.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns what goes wrong into the error page with a status and a message a writer can act on, never
 * a stack trace: a post or version that does not exist (404), what the form sent (400), a restore
 * or undo the database refuses (409). Anything else is Spring Boot's error page, rendered by the
 * same template.
 */
@ControllerAdvice
public class ErrorPages {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e) {
        return page(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(InvalidInputException.class)
    ModelAndView invalid(InvalidInputException e) {
        return page(HttpStatus.BAD_REQUEST, "That cannot be saved", e.getMessage());
    }

    @ExceptionHandler(RestoreConflictException.class)
    ModelAndView conflict(RestoreConflictException e) {
        LOG.info("Refused: {}", e.getMessage());
        return page(HttpStatus.CONFLICT, "That cannot be done", e.getMessage());
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ModelAndView integrity(DataIntegrityViolationException e) {
        LOG.info("Refused by the database", e);
        return page(HttpStatus.CONFLICT, "That cannot be done", "The database refused the change: it would break one "
                + "of its rules (a unique title, a required value). Nothing was changed.");
    }

    @ExceptionHandler(ContinuumException.class)
    ModelAndView history(ContinuumException e) {
        LOG.warn("History request failed", e);
        return page(HttpStatus.BAD_REQUEST, "History cannot answer that", e.getMessage());
    }

    private static ModelAndView page(HttpStatus status, String title, String message) {
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("error", title);
        page.addObject("message", message);
        page.addObject("username", CurrentUser.name());     // model attributes do not reach exception handlers
        return page;
    }
}
