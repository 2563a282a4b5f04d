//! The LTI tables: registered platforms and their deployments, logins in flight,
//! placements and students.

use sqlx::Row;

use super::{Store, StoreError};

/// A platform (an LMS) as an administrator registered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Platform {
    pub issuer: String,
    pub client_id: String,
    pub auth_login_url: String,
    pub jwks_url: String,
    pub token_url: String,
    pub name: String,
}

/// An OIDC login between its start and its launch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginRow {
    pub state: String,
    pub nonce: String,
    pub issuer: String,
    pub client_id: String,
    pub created_at: i64,
}

/// One placement of a scenario in a course (an LTI resource link).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub id: String,
    pub scenario: String,
    pub title: String,
}

impl Store {
    /// Registers a platform, or updates its addresses, and adds its deployments.
    pub async fn register_platform(
        &self,
        platform: &Platform,
        deployments: &[String],
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO lti_platforms (issuer, client_id, auth_login_url, jwks_url, token_url, name)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (issuer, client_id) DO UPDATE SET
                 auth_login_url = excluded.auth_login_url, jwks_url = excluded.jwks_url,
                 token_url = excluded.token_url, name = excluded.name",
        )
        .bind(&platform.issuer)
        .bind(&platform.client_id)
        .bind(&platform.auth_login_url)
        .bind(&platform.jwks_url)
        .bind(&platform.token_url)
        .bind(&platform.name)
        .execute(&mut *tx)
        .await?;
        for deployment in deployments {
            sqlx::query(
                "INSERT INTO lti_deployments (issuer, client_id, deployment_id) VALUES ($1, $2, $3)
                 ON CONFLICT DO NOTHING",
            )
            .bind(&platform.issuer)
            .bind(&platform.client_id)
            .bind(deployment)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The registrations of an issuer (one, unless the platform gave FirstShift
    /// several client ids).
    pub async fn platforms(&self, issuer: &str) -> Result<Vec<Platform>, StoreError> {
        let rows = sqlx::query(
            "SELECT issuer, client_id, auth_login_url, jwks_url, token_url, name
             FROM lti_platforms WHERE issuer = $1 ORDER BY client_id",
        )
        .bind(issuer)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Platform {
                    issuer: row.try_get("issuer")?,
                    client_id: row.try_get("client_id")?,
                    auth_login_url: row.try_get("auth_login_url")?,
                    jwks_url: row.try_get("jwks_url")?,
                    token_url: row.try_get("token_url")?,
                    name: row.try_get("name")?,
                })
            })
            .collect()
    }

    pub async fn has_deployment(
        &self,
        issuer: &str,
        client_id: &str,
        deployment_id: &str,
    ) -> Result<bool, StoreError> {
        let row = sqlx::query(
            "SELECT 1 AS found FROM lti_deployments
             WHERE issuer = $1 AND client_id = $2 AND deployment_id = $3",
        )
        .bind(issuer)
        .bind(client_id)
        .bind(deployment_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.is_some())
    }

    pub async fn insert_login(&self, login: &LoginRow) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO lti_logins (state, nonce, issuer, client_id, created_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&login.state)
        .bind(&login.nonce)
        .bind(&login.issuer)
        .bind(&login.client_id)
        .bind(login.created_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Takes a login out: it answers `Some` once, to one request, whichever
    /// process asks, and `None` ever after. Logins older than `older_than` are
    /// cleared on the way.
    pub async fn take_login(
        &self,
        state: &str,
        older_than: i64,
    ) -> Result<Option<LoginRow>, StoreError> {
        sqlx::query("DELETE FROM lti_logins WHERE created_at < $1")
            .bind(older_than)
            .execute(&self.pool)
            .await?;
        // One statement that finds and removes the login: of two requests with
        // the same state, only one gets the row back.
        let row = sqlx::query(
            "DELETE FROM lti_logins WHERE state = $1
             RETURNING state, nonce, issuer, client_id, created_at",
        )
        .bind(state)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(LoginRow {
            state: row.try_get("state")?,
            nonce: row.try_get("nonce")?,
            issuer: row.try_get("issuer")?,
            client_id: row.try_get("client_id")?,
            created_at: row.try_get("created_at")?,
        }))
    }

    /// The placement of a resource link, made on its first launch with the
    /// scenario and title that launch names.
    pub async fn placement(
        &self,
        platform: &Platform,
        deployment_id: &str,
        resource_link_id: &str,
        new: Placement,
    ) -> Result<Placement, StoreError> {
        let find = || {
            sqlx::query(
                "SELECT id, scenario, title FROM placements
                 WHERE issuer = $1 AND client_id = $2 AND deployment_id = $3 AND resource_link_id = $4",
            )
            .bind(&platform.issuer)
            .bind(&platform.client_id)
            .bind(deployment_id)
            .bind(resource_link_id)
        };
        if let Some(row) = find().fetch_optional(&self.pool).await? {
            return placement_row(&row);
        }
        sqlx::query(
            "INSERT INTO placements (id, issuer, client_id, deployment_id, resource_link_id, scenario, title)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
        )
        .bind(&new.id)
        .bind(&platform.issuer)
        .bind(&platform.client_id)
        .bind(deployment_id)
        .bind(resource_link_id)
        .bind(&new.scenario)
        .bind(&new.title)
        .execute(&self.pool)
        .await?;
        // Whoever inserted first (this request or another), that is the placement.
        let row = find().fetch_one(&self.pool).await?;
        placement_row(&row)
    }

    /// The student the platform calls `subject`, made on their first launch.
    pub async fn student(
        &self,
        issuer: &str,
        subject: &str,
        new_id: &str,
    ) -> Result<String, StoreError> {
        sqlx::query(
            "INSERT INTO students (id, issuer, subject) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(new_id)
        .bind(issuer)
        .bind(subject)
        .execute(&self.pool)
        .await?;
        let row = sqlx::query("SELECT id FROM students WHERE issuer = $1 AND subject = $2")
            .bind(issuer)
            .bind(subject)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("id")?)
    }
}

fn placement_row(row: &sqlx::any::AnyRow) -> Result<Placement, StoreError> {
    Ok(Placement {
        id: row.try_get("id")?,
        scenario: row.try_get("scenario")?,
        title: row.try_get("title")?,
    })
}
