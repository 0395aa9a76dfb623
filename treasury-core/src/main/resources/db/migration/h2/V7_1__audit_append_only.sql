-- On H2 the same rule as on PostgreSQL: an update or delete of an audit record fails.
CREATE TRIGGER audit_record_append_only BEFORE UPDATE, DELETE ON audit_record
    FOR EACH ROW CALL 'org.jincai.core.audit.AppendOnlyTrigger';
