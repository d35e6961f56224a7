package dev.continuum.examples.blog.post;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

/** Tags. */
public interface TagRepository extends JpaRepository<Tag, Long> {

    List<Tag> findAllByOrderByName();
}
