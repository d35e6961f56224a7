package dev.continuum.spring.sample;

import dev.continuum.spring.data.VersionedRepository;

import org.springframework.data.jpa.repository.JpaRepository;

// snippet: repository
public interface ArticleRepository extends JpaRepository<Article, Long>, VersionedRepository<Article, Long> {
}
// end snippet
