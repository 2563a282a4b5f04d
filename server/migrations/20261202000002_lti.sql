-- LTI 1.3: the platforms (LMSs) an administrator registered, the logins in
-- flight, the placements (resource links) students launch, and the students as
-- the platform names them (its opaque `sub`, nothing else).

CREATE TABLE lti_platforms (
    -- The platform's issuer and our client id on it identify a registration.
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    -- Where the OIDC login goes, where the platform's keys are, and where a
    -- service token is asked for (grade passback, the roster).
    auth_login_url TEXT NOT NULL,
    jwks_url TEXT NOT NULL,
    token_url TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (issuer, client_id)
);

CREATE TABLE lti_deployments (
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    deployment_id TEXT NOT NULL,
    PRIMARY KEY (issuer, client_id, deployment_id),
    FOREIGN KEY (issuer, client_id) REFERENCES lti_platforms (issuer, client_id) ON DELETE CASCADE
);

-- An OIDC login between its start and the launch that ends it. Each is used
-- once: the launch deletes it, so a replayed launch finds nothing.
CREATE TABLE lti_logins (
    state TEXT PRIMARY KEY,
    nonce TEXT NOT NULL,
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- A resource link: one placement of one scenario in one course.
CREATE TABLE placements (
    id TEXT PRIMARY KEY,
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    deployment_id TEXT NOT NULL,
    resource_link_id TEXT NOT NULL,
    scenario TEXT NOT NULL,
    title TEXT NOT NULL,
    UNIQUE (issuer, client_id, deployment_id, resource_link_id)
);

-- A student, as the platform's opaque user id; no name, no email.
CREATE TABLE students (
    id TEXT PRIMARY KEY,
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    UNIQUE (issuer, subject)
);

-- A launched run belongs to a placement and a student; a run started with
-- `--open` belongs to neither.
ALTER TABLE runs ADD COLUMN placement_id TEXT REFERENCES placements (id);
ALTER TABLE runs ADD COLUMN student_id TEXT REFERENCES students (id);
