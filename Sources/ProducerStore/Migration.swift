/// One numbered step of the project schema: statements run in one transaction and recorded in
/// `schema_migrations`. Steps are never edited once released; a change to the schema is a new step.
///
/// The statements are plain SQL that SQLite and PostgreSQL both read the same way: `BIGINT` for
/// integers (money in minor units, counts, minutes), `DOUBLE PRECISION` for measured numbers,
/// `TEXT` for names, ids, ISO 8601 UTC timestamps, IANA time-zone names and the small JSON lists.
struct Migration: Sendable {
    let version: Int
    let name: String
    let statements: [String]

    /// Every migration this code knows, in order, numbered from 1 without gaps.
    static let all: [Migration] = [
        initialSchema, bookingListedSequence, budgetOffersTasks, jobQueue, studioTables, commentThreads,
        replyIndex,
    ]

    /// The newest schema version this code knows.
    static var latestVersion: Int { all.last?.version ?? 0 }

    /// Version 1: the project, songs, people, studios and rooms, sessions and bookings.
    static let initialSchema = Migration(
        version: 1, name: "the project, songs, people, studios, rooms, sessions and bookings",
        statements: [
            """
            CREATE TABLE project (
                id BIGINT PRIMARY KEY,
                name TEXT NOT NULL,
                currency TEXT NOT NULL,
                deadline TEXT,
                time_zone TEXT NOT NULL,
                max_work_minutes_per_day BIGINT NOT NULL,
                break_minutes BIGINT NOT NULL,
                lateness_penalty_minor_units BIGINT NOT NULL,
                lateness_penalty_currency TEXT NOT NULL,
                revision BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE songs (
                id TEXT PRIMARY KEY,
                position BIGINT NOT NULL,
                title TEXT NOT NULL,
                musical_key TEXT,
                tempo_bpm DOUBLE PRECISION,
                length_seconds DOUBLE PRECISION,
                status TEXT NOT NULL,
                parts_json TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE song_writers (
                song_id TEXT NOT NULL REFERENCES songs (id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                name TEXT NOT NULL,
                share_basis_points BIGINT NOT NULL,
                PRIMARY KEY (song_id, position)
            )
            """,
            """
            CREATE TABLE people (
                id TEXT PRIMARY KEY,
                position BIGINT NOT NULL,
                name TEXT NOT NULL,
                email TEXT,
                phone TEXT,
                rate_minor_units BIGINT NOT NULL,
                rate_currency TEXT NOT NULL,
                rate_unit TEXT NOT NULL,
                rate_minimum_hours DOUBLE PRECISION NOT NULL,
                headcount BIGINT NOT NULL,
                union_scale TEXT,
                availability_time_zone TEXT NOT NULL,
                availability_weekly_json TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE person_roles (
                person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                role TEXT NOT NULL,
                PRIMARY KEY (person_id, position)
            )
            """,
            """
            CREATE TABLE studios (
                id TEXT PRIMARY KEY,
                position BIGINT NOT NULL,
                name TEXT NOT NULL,
                location TEXT NOT NULL,
                time_zone TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE rooms (
                id TEXT PRIMARY KEY,
                studio_id TEXT NOT NULL REFERENCES studios (id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                name TEXT NOT NULL,
                hourly_rate_minor_units BIGINT NOT NULL,
                hourly_rate_currency TEXT NOT NULL,
                daily_rate_minor_units BIGINT,
                daily_rate_currency TEXT,
                capacity BIGINT NOT NULL,
                gear_json TEXT NOT NULL,
                opening_time_zone TEXT NOT NULL,
                opening_weekly_json TEXT NOT NULL
            )
            """,
            "CREATE INDEX rooms_by_studio ON rooms (studio_id)",
            // Dated exceptions of a person's availability (owner_kind 'person') or a room's
            // opening hours (owner_kind 'room').
            """
            CREATE TABLE availability_exceptions (
                owner_kind TEXT NOT NULL,
                owner_id TEXT NOT NULL,
                position BIGINT NOT NULL,
                starts_at TEXT NOT NULL,
                ends_at TEXT NOT NULL,
                is_busy BIGINT NOT NULL,
                note TEXT NOT NULL,
                source TEXT,
                PRIMARY KEY (owner_kind, owner_id, position)
            )
            """,
            """
            CREATE TABLE sessions (
                id TEXT PRIMARY KEY,
                position BIGINT NOT NULL,
                song_id TEXT,
                kind TEXT NOT NULL,
                title TEXT NOT NULL,
                gear_json TEXT NOT NULL,
                duration_minutes BIGINT NOT NULL,
                deadline TEXT,
                due TEXT,
                is_done BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE session_needs (
                session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                role TEXT NOT NULL,
                count BIGINT NOT NULL,
                PRIMARY KEY (session_id, position)
            )
            """,
            """
            CREATE TABLE session_people (
                session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                person_id TEXT NOT NULL,
                PRIMARY KEY (session_id, position)
            )
            """,
            """
            CREATE TABLE session_dependencies (
                session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                after_session_id TEXT NOT NULL,
                PRIMARY KEY (session_id, position)
            )
            """,
            """
            CREATE TABLE bookings (
                id TEXT PRIMARY KEY,
                position BIGINT NOT NULL,
                session_id TEXT NOT NULL,
                room_id TEXT NOT NULL,
                starts_at TEXT NOT NULL,
                ends_at TEXT NOT NULL,
                status TEXT NOT NULL,
                cost_minor_units BIGINT NOT NULL,
                cost_currency TEXT NOT NULL,
                cancellation_fee_minor_units BIGINT,
                cancellation_fee_currency TEXT,
                sequence BIGINT NOT NULL,
                note TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE booking_people (
                booking_id TEXT NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
                position BIGINT NOT NULL,
                person_id TEXT NOT NULL,
                PRIMARY KEY (booking_id, position)
            )
            """,
        ])
}

extension Migration {
    /// Version 2: the sequence each booking had when it was last listed, for `bookings confirm`.
    static let bookingListedSequence = Migration(
        version: 2, name: "the sequence each booking had when it was last listed",
        statements: ["ALTER TABLE bookings ADD COLUMN listed_sequence BIGINT"])
}

extension Migration {
    /// Version 3: the budget, expenses, offers, tasks and the tracklist; songs' ratings, energy and
    /// codes; people's styles; the plan's start day; the scale and delivery rules as documents.
    static let budgetOffersTasks = Migration(
        version: 3, name: "budget, expenses, offers, tasks, tracklist, ratings, codes, styles and rules",
        statements: [
            "ALTER TABLE project ADD COLUMN plan_start TEXT",
            "ALTER TABLE songs ADD COLUMN rating_artist BIGINT",
            "ALTER TABLE songs ADD COLUMN rating_producer BIGINT",
            "ALTER TABLE songs ADD COLUMN rating_market BIGINT",
            "ALTER TABLE songs ADD COLUMN energy BIGINT",
            "ALTER TABLE songs ADD COLUMN isrc TEXT",
            "ALTER TABLE songs ADD COLUMN iswc TEXT",
            "ALTER TABLE people ADD COLUMN styles_json TEXT NOT NULL DEFAULT '[]'",
            """
            CREATE TABLE budget_lines (
                id TEXT PRIMARY KEY,
                position BIGINT NOT NULL,
                song_id TEXT,
                category TEXT NOT NULL,
                description TEXT NOT NULL,
                planned_minor_units BIGINT NOT NULL,
                planned_currency TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE expenses (
                id TEXT PRIMARY KEY,
                position BIGINT NOT NULL,
                spent_on TEXT NOT NULL,
                song_id TEXT,
                category TEXT NOT NULL,
                description TEXT NOT NULL,
                amount_minor_units BIGINT NOT NULL,
                amount_currency TEXT NOT NULL,
                payee TEXT,
                receipt TEXT,
                covers TEXT
            )
            """,
            """
            CREATE TABLE offers (
                id TEXT PRIMARY KEY,
                position BIGINT NOT NULL,
                person_id TEXT NOT NULL,
                role TEXT NOT NULL,
                sessions_json TEXT NOT NULL,
                fee_minor_units BIGINT NOT NULL,
                fee_currency TEXT NOT NULL,
                sent_at TEXT NOT NULL,
                answer_by TEXT NOT NULL,
                status TEXT NOT NULL,
                answered_at TEXT,
                note TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE tasks (
                id TEXT PRIMARY KEY,
                position BIGINT NOT NULL,
                person_id TEXT NOT NULL,
                title TEXT NOT NULL,
                song_id TEXT,
                deliverable TEXT,
                due TEXT NOT NULL,
                state TEXT NOT NULL,
                completed_at TEXT,
                file TEXT,
                findings_json TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE tracklist (
                position BIGINT PRIMARY KEY,
                song_id TEXT NOT NULL,
                side BIGINT NOT NULL,
                made_at TEXT NOT NULL
            )
            """,
            // Small settings documents (the union scale, the delivery rules) as JSON text.
            """
            CREATE TABLE project_documents (
                name TEXT PRIMARY KEY,
                json TEXT NOT NULL
            )
            """,
        ])
}

extension Migration {
    /// Version 4: the job queue `producer worker` runs: each job's kind and description (JSON
    /// text), its state, attempts and the lease of the worker running it.
    static let jobQueue = Migration(
        version: 4, name: "the job queue with leases",
        statements: [
            """
            CREATE TABLE job_queue (
                id TEXT PRIMARY KEY,
                project_id TEXT,
                kind TEXT NOT NULL,
                payload TEXT NOT NULL,
                state TEXT NOT NULL,
                attempts BIGINT NOT NULL,
                max_attempts BIGINT NOT NULL,
                lease_owner TEXT,
                lease_until TEXT,
                enqueued_at TEXT NOT NULL,
                started_at TEXT,
                finished_at TEXT,
                result TEXT,
                error TEXT
            )
            """,
            "CREATE INDEX job_queue_by_state ON job_queue (state, enqueued_at)",
        ])
}

extension Migration {
    /// Version 5: the studio server's records: accounts and sign-ins, studio projects with their
    /// members and invitations, song versions, comments, approvals, activity and polls.
    static let studioTables = Migration(
        version: 5, name: "the studio: accounts, projects, members, versions, comments, approvals, polls",
        statements: [
            """
            CREATE TABLE accounts (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                created_at TEXT NOT NULL,
                notifications_seen_at TEXT
            )
            """,
            """
            CREATE TABLE sign_ins (
                token_hash TEXT PRIMARY KEY,
                account_id TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE studio_projects (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                location TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE memberships (
                project_id TEXT NOT NULL,
                account_id TEXT NOT NULL,
                role TEXT NOT NULL,
                person_id TEXT,
                joined_at TEXT NOT NULL,
                PRIMARY KEY (project_id, account_id)
            )
            """,
            "CREATE INDEX memberships_by_account ON memberships (account_id)",
            """
            CREATE TABLE invitations (
                id TEXT PRIMARY KEY,
                project_id TEXT NOT NULL,
                email TEXT NOT NULL,
                role TEXT NOT NULL,
                person_id TEXT,
                invited_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                accepted_at TEXT,
                accepted_by TEXT
            )
            """,
            "CREATE INDEX invitations_by_project ON invitations (project_id)",
            """
            CREATE TABLE song_versions (
                id TEXT PRIMARY KEY,
                project_id TEXT NOT NULL,
                song_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                number BIGINT NOT NULL,
                file_name TEXT NOT NULL,
                stored_path TEXT NOT NULL,
                byte_count BIGINT NOT NULL,
                sha256 TEXT NOT NULL,
                sample_rate DOUBLE PRECISION NOT NULL,
                channel_count BIGINT NOT NULL,
                frame_count BIGINT NOT NULL,
                uploaded_by TEXT NOT NULL,
                uploaded_at TEXT NOT NULL,
                stage TEXT NOT NULL,
                analysis_json TEXT,
                analysis_state TEXT NOT NULL,
                analysis_error TEXT,
                UNIQUE (project_id, song_id, kind, number)
            )
            """,
            """
            CREATE TABLE song_comments (
                id TEXT PRIMARY KEY,
                project_id TEXT NOT NULL,
                song_id TEXT NOT NULL,
                version_id TEXT NOT NULL,
                parent_id TEXT,
                author_id TEXT NOT NULL,
                body TEXT NOT NULL,
                start_frame BIGINT,
                end_frame BIGINT,
                start_beat DOUBLE PRECISION,
                end_beat DOUBLE PRECISION,
                resolved BIGINT NOT NULL,
                created_at TEXT NOT NULL,
                task_id TEXT
            )
            """,
            "CREATE INDEX song_comments_by_song ON song_comments (project_id, song_id, created_at)",
            """
            CREATE TABLE approvals (
                id TEXT PRIMARY KEY,
                project_id TEXT NOT NULL,
                version_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                account_id TEXT NOT NULL,
                role TEXT NOT NULL,
                note TEXT,
                approved_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX approvals_by_version ON approvals (project_id, version_id)",
            // `sequence` orders entries made in the same millisecond as they were made.
            """
            CREATE TABLE activity (
                id TEXT PRIMARY KEY,
                project_id TEXT NOT NULL,
                sequence BIGINT NOT NULL,
                happened_at TEXT NOT NULL,
                account_id TEXT,
                verb TEXT NOT NULL,
                subject TEXT NOT NULL,
                link TEXT
            )
            """,
            "CREATE INDEX activity_by_project ON activity (project_id, happened_at, sequence)",
            """
            CREATE TABLE polls (
                id TEXT PRIMARY KEY,
                project_id TEXT NOT NULL,
                title TEXT NOT NULL,
                session_id TEXT,
                options_json TEXT NOT NULL,
                answer_by TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                closed_at TEXT
            )
            """,
            "CREATE INDEX polls_by_project ON polls (project_id, created_at)",
            """
            CREATE TABLE poll_answers (
                poll_id TEXT NOT NULL,
                account_id TEXT NOT NULL,
                option_index BIGINT NOT NULL,
                answer TEXT NOT NULL,
                answered_at TEXT NOT NULL,
                PRIMARY KEY (poll_id, account_id, option_index)
            )
            """,
        ])
}

extension Migration {
    /// Version 6: indexes that read a page of a version's comment threads, in the order of where
    /// they start, and a thread's replies, without reading every comment of the song; and one
    /// that finds a project's last activity number without reading all its activity.
    static let commentThreads = Migration(
        version: 6, name: "indexes for pages of comment threads, their replies and the activity numbers",
        statements: [
            """
            CREATE INDEX song_comments_threads ON song_comments \
            (project_id, version_id, (COALESCE(start_frame, -1)), created_at, id) WHERE parent_id IS NULL
            """,
            "CREATE INDEX song_comments_replies ON song_comments (project_id, parent_id, created_at, id)",
            "CREATE INDEX activity_sequence ON activity (project_id, sequence)",
        ])
}

extension Migration {
    /// Version 7: the replies index holds replies only. A page of threads asks for comments with
    /// no parent; while the replies index held those too, PostgreSQL, before its statistics caught
    /// up with a growing table, read every thread of the project through it and sorted them,
    /// instead of reading the first page in order from the threads index.
    static let replyIndex = Migration(
        version: 7, name: "the replies index holds replies only",
        statements: [
            "DROP INDEX song_comments_replies",
            """
            CREATE INDEX song_comments_replies ON song_comments (project_id, parent_id, created_at, id) \
            WHERE parent_id IS NOT NULL
            """,
        ])
}
