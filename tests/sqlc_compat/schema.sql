--
-- PostgreSQL database dump, as `pg_dump --schema-only` 15.18 writes it (with the lines that
-- would stop a plain schema load: a psql meta-command, CREATE SCHEMA public, owners that do
-- not exist where it is loaded, COMMENT ON EXTENSION, a setting newer dumps write).
--

\restrict 1vCz0Y3hHc8kq7nq3dGm9cDpAjMRuFNsw2ZJhjfYHh6ULcXRM9GaqmT3rN1uLwP

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET transaction_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET search_path = '';
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: public; Type: SCHEMA; Schema: -; Owner: app_owner
--

CREATE SCHEMA public;


ALTER SCHEMA public OWNER TO app_owner;

--
-- Name: citext; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;


--
-- Name: EXTENSION citext; Type: COMMENT; Schema: -; Owner:
--

COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';


--
-- Name: pg_trgm; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;


--
-- Name: EXTENSION pg_trgm; Type: COMMENT; Schema: -; Owner:
--

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: authors; Type: TABLE; Schema: public; Owner: app_owner
--

CREATE TABLE public.authors (
    id bigint NOT NULL,
    name text NOT NULL,
    email public.citext
);


ALTER TABLE public.authors OWNER TO app_owner;

--
-- Name: books; Type: TABLE; Schema: public; Owner: app_owner
--

CREATE TABLE public.books (
    id bigint NOT NULL,
    author_id bigint,
    title text NOT NULL
);


ALTER TABLE public.books OWNER TO app_owner;

--
-- Name: authors authors_pkey; Type: CONSTRAINT; Schema: public; Owner: app_owner
--

ALTER TABLE ONLY public.authors
    ADD CONSTRAINT authors_pkey PRIMARY KEY (id);


--
-- Name: books books_pkey; Type: CONSTRAINT; Schema: public; Owner: app_owner
--

ALTER TABLE ONLY public.books
    ADD CONSTRAINT books_pkey PRIMARY KEY (id);


--
-- Name: authors_name_trgm; Type: INDEX; Schema: public; Owner: app_owner
--

CREATE INDEX authors_name_trgm ON public.authors USING gin (name public.gin_trgm_ops);


--
-- Name: books books_author_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: app_owner
--

ALTER TABLE ONLY public.books
    ADD CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.authors(id);


--
-- PostgreSQL database dump complete
--

\unrestrict 1vCz0Y3hHc8kq7nq3dGm9cDpAjMRuFNsw2ZJhjfYHh6ULcXRM9GaqmT3rN1uLwP

