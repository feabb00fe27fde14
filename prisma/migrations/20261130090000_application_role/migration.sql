-- The application connects with a role of its own that owns nothing, so it can neither disable
-- the audit log's triggers nor change the schema; migrations run as the owner. The owner (the
-- role running the migrations) calls this after every `prisma migrate deploy` (scripts/app-role.ts):
--   SELECT backoffice_grant_app_role('backoffice_app');
-- It is idempotent, and it also covers tables later migrations create (default privileges).
CREATE OR REPLACE FUNCTION backoffice_grant_app_role(role_name text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  app oid;
BEGIN
  SELECT oid INTO app FROM pg_roles WHERE rolname = role_name;
  IF app IS NULL THEN
    RAISE EXCEPTION 'role "%" does not exist (README.md, "Security")', role_name;
  END IF;
  -- a role that is, or can become, the owner would make every grant below meaningless
  IF pg_has_role(role_name, current_user, 'USAGE') OR (SELECT rolsuper FROM pg_roles WHERE oid = app) THEN
    RAISE EXCEPTION 'role "%" is the owner, a member of the owner "%" or a superuser: the application needs a role of its own', role_name, current_user;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relowner = app) THEN
    RAISE EXCEPTION 'role "%" owns tables in schema public: the application role must own none', role_name;
  END IF;

  EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', role_name);
  EXECUTE format('REVOKE CREATE ON SCHEMA public FROM %I', role_name);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', role_name);
  EXECUTE format('REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM %I', role_name);
  -- the audit log is written and read, never changed (sealing runs as the owner, see audit_event_seal)
  EXECUTE format('REVOKE UPDATE, DELETE ON "AuditEvent" FROM %I', role_name);
  IF to_regclass('public._prisma_migrations') IS NOT NULL THEN
    EXECUTE format('REVOKE ALL ON "_prisma_migrations" FROM %I', role_name);
  END IF;
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', role_name);
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', role_name);
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %I', role_name);

  IF has_schema_privilege(role_name, 'public', 'CREATE') THEN
    RAISE WARNING 'role "%" may still create tables in schema public (granted to PUBLIC?): REVOKE CREATE ON SCHEMA public FROM PUBLIC', role_name;
  END IF;
END;
$$;
REVOKE ALL ON FUNCTION backoffice_grant_app_role(text) FROM PUBLIC;
