// Generated from the OpenAPI document by `npm run api:generate`. Do not edit.
export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and readiness: database and Redis */
        get: operations["HealthController_check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recomputes the hash chain of the audit trail, names the first broken entry and checks the chain against the signed checkpoints kept outside the database */
        get: operations["AuditController_verify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/checkpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Signs a checkpoint of the chain head now (Ed25519) and appends it to the checkpoint file outside the database */
        post: operations["AuditController_checkpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with e-mail and password
         * @description Answers a short-lived bearer token and a refresh token; the refresh token is also set as the httpOnly cookie fw_refresh (path /api/v1/auth). An account with TOTP also sends the current code as totp (401 TOTP_REQUIRED without it, TOTP_INVALID for a wrong or reused one). A user whose role needs TOTP (TOTP_REQUIRED_ROLES) but who has none set up logs in with the password alone and gets totpEnrolmentRequired: true; until the enrolment is confirmed, every route but the TOTP enrolment, me, change password and logout answers 403 TOTP_ENROLMENT_REQUIRED.
         */
        post: operations["AuthController_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp/enrol": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start setting up TOTP (authenticator app) as a second factor
         * @description Answers a new secret and its otpauth:// URI (SHA1, 6 digits, 30 s) this once; it takes effect after POST /api/v1/auth/totp/confirm. Calling again replaces a secret not yet confirmed.
         */
        post: operations["AuthController_enrolTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm TOTP with a current code; from now on login needs a code (audited) */
        post: operations["AuthController_confirmTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for a new access token and a new refresh token
         * @description The refresh token comes from the body or, without one, from the fw_refresh cookie. Each refresh token works once; presenting a used one again ends every session of that login (REFRESH_TOKEN_REUSED).
         */
        post: operations["AuthController_refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End this session: the refresh token (body or cookie) and every token of its family stop working
         * @description Also answers 200 for a token that is unknown or ended already (revokedSessions 0).
         */
        post: operations["AuthController_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End every session of the logged-in user on every device (audited) */
        post: operations["AuthController_logoutAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set the password with the one-time token from an invitation mail */
        post: operations["AuthController_acceptInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Forgot password: mail a one-time link to set a new password
         * @description Always answers 202 with the same body, whether or not the address belongs to an active account.
         */
        post: operations["AuthController_requestPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with the token from a password-reset mail; ends every session of the user */
        post: operations["AuthController_confirmPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the password of the logged-in user (audited)
         * @description Needs the current password. Every session of the user ends, on every device; the answer is a new session for this client (also set as the fw_refresh cookie).
         */
        post: operations["AuthController_changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The logged-in user */
        get: operations["AuthController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Organisations the user may see: all for agency staff, their own for applicants */
        get: operations["AccountsController_listOrganisations"];
        put?: never;
        /** Create an organisation (municipality, district, other body) with its postal address and contact */
        post: operations["AccountsController_createOrganisation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organisations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One organisation */
        get: operations["AccountsController_getOrganisation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change an organisation's postal address and contact (audited)
         * @description An admin for any organisation, an applicant for their own. Fields left out keep their value; null clears one.
         */
        patch: operations["AccountsController_updateOrganisation"];
        trace?: never;
    };
    "/api/v1/users/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Invite a user by e-mail; the mail carries a one-time link to set the password */
        post: operations["AccountsController_invite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/invitation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Renew the invitation of a user who has not accepted yet (also after it expired)
         * @description Mails a new one-time link; every earlier invitation link of the user stops working (INVITATION_REVOKED).
         */
        post: operations["AccountsController_renewInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deactivate a user (audited with the reason; not oneself)
         * @description The user can no longer log in; their existing access tokens are refused at the next request and their refresh tokens are revoked; open invitation and password-reset links stop working.
         */
        post: operations["AccountsController_deactivateUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/reactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reactivate a deactivated user (audited with the reason); one who never set a password is invited again (renew the invitation) */
        post: operations["AccountsController_reactivateUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All users */
        get: operations["AccountsController_listUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/guidelines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The guidelines in force, each at its current version */
        get: operations["GuidelinesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/guidelines/{code}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every stored version of a guideline; cases keep the version they started under */
        get: operations["GuidelinesController_versions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A case with the steps the user may take next */
        get: operations["CasesController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every transition of the case: when, from, to, the public reason; the agency also sees who took it and internal notes */
        get: operations["CasesController_history"];
        put?: never;
        /** Take a step of the guideline workflow (steps with a route of their own, e.g. request_information, are refused here: 400 TRANSITION_HAS_OWN_ROUTE names it) */
        post: operations["CasesController_transition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/guidelines/{code}/calls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The guideline's calls (upcoming, open and closed) with dates and budgets */
        get: operations["CallsController_list"];
        put?: never;
        /** Open a call from the guideline's template: code, title, opening, deadline, budget per fiscal year (admin) */
        post: operations["CallsController_open"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/guidelines/{code}/calls/{call}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A call with what a client needs to render its forms: dates, status, budgets, forms, cost categories with rates, variants with caps, attachment types, deadlines; jury criteria and the change history only for agency roles and reviewers */
        get: operations["CallsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Move the opening or the deadline, or rename a call, with a reason (admin; audited, shown in the call) */
        patch: operations["CallsController_change"];
        trace?: never;
    };
    "/api/v1/guidelines/{code}/calls/{call}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close a call before its deadline, with a reason (admin); the jury may rank at once */
        post: operations["CallsController_close"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/guidelines/{code}/calls/{call}/budgets/{fiscalYear}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Raise, lower or add a fiscal year's budget, with a reason (admin); never below what is committed */
        put: operations["CallsController_setBudget"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/guidelines/{code}/calls/{call}/ledger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The budget ledger of a call per fiscal year: budget, committed, paid, recovered, available */
        get: operations["LedgerController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open calls of every guideline: deadline, variants and caps, categories and rates, required attachments */
        get: operations["ApplicationsController_openCalls"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cases, filtered, sorted and paged; applicants see only their organisation's */
        get: operations["ApplicationsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/concepts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a concept (Projektskizze) for an open call in the applicant's organisation's name */
        post: operations["ApplicationsController_createConcept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/concept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The concept, its computed grant and what still blocks submission */
        get: operations["ApplicationsController_getConcept"];
        /** Save the concept draft (as often as needed) */
        put: operations["ApplicationsController_saveConcept"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/concept/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit the concept: everything is checked at once; on success it gets a file number and is frozen */
        post: operations["ApplicationsController_submitConcept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/application": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The formal application, its computed grant and what still blocks submission */
        get: operations["ApplicationsController_getApplication"];
        /** Save the application draft: financing plan, funding period, bank account, form */
        put: operations["ApplicationsController_saveApplication"];
        /** Start the formal application of an invited case (copies the concept) */
        post: operations["ApplicationsController_startApplication"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/application/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit the formal application */
        post: operations["ApplicationsController_submitApplication"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw the request (any time before a decision) */
        post: operations["ApplicationsController_withdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/early-start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["ApplicationsController_getEarlyStart"];
        put?: never;
        /** Ask for consent to start before the decision (vorzeitiger Maßnahmebeginn) */
        post: operations["ApplicationsController_requestEarlyStart"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/early-start/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Grant or refuse the early start */
        post: operations["ApplicationsController_decideEarlyStart"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The attachments of a case */
        get: operations["AttachmentsController_list"];
        put?: never;
        /** Upload one file (multipart field "file"); its content is checked by its bytes, stored by SHA-256 */
        post: operations["AttachmentsController_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/attachments/{attachmentId}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download an attachment */
        get: operations["AttachmentsController_download"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/attachments/{attachmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove an attachment from a draft */
        delete: operations["AttachmentsController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/information-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Information requests of a case, with their deadlines and whether they are overdue */
        get: operations["InformationRequestsController_list"];
        put?: never;
        /** Request information (Nachforderung); the deadline is counted in working days of the authority's calendar */
        post: operations["InformationRequestsController_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/information-requests/{requestId}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer the open request; the case goes back to the caseworker */
        post: operations["InformationRequestsController_answer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reviewers/{id}/affiliations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the organisations and districts a reviewer is affiliated with (they are excluded from those concepts) */
        put: operations["ReviewController_affiliations"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/guidelines/{code}/calls/{call}/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign a reviewer to a concept by hand */
        post: operations["ReviewController_assign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/guidelines/{code}/calls/{call}/assignments/auto": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign reviewers to every concept of the call, balancing the load and excluding affiliated reviewers */
        post: operations["ReviewController_autoAssign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/guidelines/{code}/calls/{call}/review-results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each concept's reviews, score, spread and disagreement (concepts in review without reviews marked unreviewed); each reviewer's mean and spread */
        get: operations["ReviewController_results"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/guidelines/{code}/calls/{call}/ranking": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ranking with tie-breaks and the funding line drawn at the call budget; unreviewed concepts follow without rank, below the line */
        get: operations["ReviewController_ranking"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/guidelines/{code}/calls/{call}/ranking.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ranking as CSV */
        get: operations["ReviewController_rankingCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/guidelines/{code}/calls/{call}/jury-outcome": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the jury outcome (invite / reject), one by one or for the whole ranking; applicants are told by mail */
        post: operations["ReviewController_outcome"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reviews/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reviewer's own assignments */
        get: operations["ReviewController_mine"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reviews/assignments/{id}/declaration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Declare whether you have a conflict of interest, before seeing the concept */
        post: operations["ReviewController_declare"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reviews/assignments/{id}/concept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The concept to review (after declaring no conflict) */
        get: operations["ReviewController_concept"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reviews/assignments/{id}/attachments/{attachmentId}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a file of the concept under review (after declaring no conflict) */
        get: operations["ReviewController_attachment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reviews/assignments/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A review: the reviewer their own, agency staff any */
        get: operations["ReviewController_getReview"];
        /** Save the review as a draft: scores merged per criterion (null removes one), like every draft */
        put: operations["ReviewController_save"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reviews/assignments/{id}/review/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit the review as last saved; it is locked afterwards. A second submission, or one racing a save, answers 409 */
        post: operations["ReviewController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reviews/assignments/{id}/review/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reopen a submitted review */
        post: operations["ReviewController_reopen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A concept's reviews; sealed for a reviewer until their own is submitted; never for applicants */
        get: operations["ReviewController_caseReviews"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/review-resolution": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record that a disagreement between reviewers was looked at */
        post: operations["ReviewController_resolve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The decisions of a case: all of them for the agency; for applicants the issued ones, without who prepared or signed them and without send-back comments */
        get: operations["ApprovalsController_list"];
        put?: never;
        /** Prepare a decision on a complete application: approval in full, in part (reduced costs with reasons), or rejection */
        post: operations["ApprovalsController_prepare"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/decisions/{id}/sign-off": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign off a prepared decision (four eyes): commits the budget; the notice is rendered and mailed */
        post: operations["ApprovalsController_signOff"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/decisions/{id}/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a prepared decision back to the caseworker with a comment (an internal note: applicants never see it) */
        post: operations["ApprovalsController_sendBack"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/amendments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Prepare an amendment of an approval (Änderungsbescheid): amount, funding period or plan */
        post: operations["ApprovalsController_amend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/waive-objection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Waive objection (Rechtsbehelfsverzicht): the notice becomes final at once */
        post: operations["ApprovalsController_waive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/objections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record an objection (Widerspruch) received within the period; the case is held */
        post: operations["ApprovalsController_object"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/objections/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resolve the open objection: dismissed (approver), upheld with a new decision, or withdrawn */
        post: operations["ApprovalsController_resolve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/notices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The notices of a case */
        get: operations["ApprovalsController_notices_"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notices/{id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a notice (PDF) */
        get: operations["ApprovalsController_content"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notices/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Is this a genuine notice? By the printed verification code (404 NOTICE_NOT_FOUND if it is not ours) or by the SHA-256 of the file (genuine: false if not ours). No login. */
        get: operations["ApprovalsController_verify"];
        put?: never;
        /** Is this PDF a genuine notice? Send the file as the body (no login) */
        post: operations["ApprovalsController_verifyFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public verification page (HTML) for the code printed on a notice; JSON when the client accepts only JSON */
        get: operations["NoticeVerificationPageController_page"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What waits for me: drafts, steps of my role, information requests, reviews owed, decisions to sign; what is due first comes first */
        get: operations["OverviewController_myTasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What happened on a case, oldest first: steps, information requests, letters, mails */
        get: operations["OverviewController_timeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ErrorDto: {
            /**
             * @description Stable machine-readable code
             * @example VALIDATION_FAILED
             */
            code: string;
            /**
             * @description A sentence for people
             * @example The request has invalid or unknown fields.
             */
            message: string;
            /**
             * @description Absent, or an object. A list of problems is always `details.problems`: `[{code, message, field?, …}]`, where `field` is a dotted path into the request body (`costs.2.amountCents`, `fields.title`) and further keys add context (`check`: the workflow check that failed; `constraint`: the validation rule). Any other context is a named key, e.g. `{field}`, `{expectedVersion, currentVersion}`, `{allowedRoles}`.
             * @example {
             *       "problems": [
             *         {
             *           "code": "FIELD_INVALID",
             *           "field": "costs.2.amountCents",
             *           "message": "amountCents must be an integer number",
             *           "constraint": "isInt"
             *         }
             *       ]
             *     }
             */
            details?: {
                problems?: ({
                    /** @example FIELD_INVALID */
                    code: string;
                    /** @example amountCents must be an integer number */
                    message: string;
                    /** @example costs.2.amountCents */
                    field?: string;
                    /**
                     * @description The workflow check that reported the problem
                     * @example plan_balanced
                     */
                    check?: string;
                } & {
                    [key: string]: unknown;
                })[];
            } & {
                [key: string]: unknown;
            };
        };
        HealthDto: {
            /** @enum {string} */
            status: "ok";
            /** @enum {string} */
            database: "up" | "down";
            /** @enum {string} */
            redis: "up" | "down";
        };
        ChainBreakDto: {
            /** @description Sequence number of the first entry that does not fit the chain */
            seq: number;
            /** @enum {string} */
            problem: "sequence_gap" | "prev_hash_mismatch" | "hash_mismatch";
        };
        CheckpointHeadDto: {
            seq: number;
            hash: string;
            /** Format: date-time */
            at: string;
        };
        RejectedCheckpointDto: {
            /** @description Line of the checkpoint file */
            line: number;
            /** @enum {string} */
            reason: "malformed" | "unknown_key" | "bad_signature";
        };
        CheckpointConflictDto: {
            checkpoint: components["schemas"]["CheckpointHeadDto"];
            /** @enum {string} */
            problem: "entries_missing" | "hash_differs";
            /** @description Highest seq in the audit table */
            headSeq: number;
        };
        CheckpointReportDto: {
            /** @description Valid signed checkpoints checked against the chain */
            checked: number;
            latest?: components["schemas"]["CheckpointHeadDto"] | null;
            rejected: components["schemas"]["RejectedCheckpointDto"][];
            contradicted?: components["schemas"]["CheckpointConflictDto"] | null;
        };
        AuditVerificationDto: {
            /** @description The chain is unbroken, every checkpoint is validly signed and none is contradicted */
            intact: boolean;
            /** @description Entries verified intact before the first break */
            entries: number;
            firstBroken?: components["schemas"]["ChainBreakDto"] | null;
            checkpoints: components["schemas"]["CheckpointReportDto"];
        };
        CheckpointDto: {
            seq: number;
            hash: string;
            /** Format: date-time */
            at: string;
            /** @description First 16 hex digits of the SHA-256 of the signing public key */
            keyId: string;
            /** @description Ed25519 signature (base64) */
            signature: string;
        };
        LoginDto: {
            /** @example caseworker@demo.example */
            email: string;
            password: string;
            /**
             * @description The 6-digit code from the authenticator app, for an account with TOTP (else 401 TOTP_REQUIRED)
             * @example 123456
             */
            totp?: string;
        };
        TokenDto: {
            accessToken: string;
            /** @example Bearer */
            tokenType: string;
            /** @description Seconds until the access token expires */
            expiresIn: number;
            /** @description Opaque one-time refresh token (also set as the httpOnly cookie fw_refresh, path /api/v1/auth); each refresh answers a new one */
            refreshToken: string;
            /** @description Seconds until the refresh token expires */
            refreshExpiresIn: number;
            /** @description true: the role needs TOTP and none is set up; until it is (POST /api/v1/auth/totp/enrol), other routes answer 403 TOTP_ENROLMENT_REQUIRED */
            totpEnrolmentRequired?: boolean;
        };
        TotpEnrolmentDto: {
            /** @description The new secret (base32), shown this once; enter it or the URI in an authenticator app */
            secret: string;
            /** @example otpauth://totp/F%C3%B6rderwerk:admin%40agency.example?issuer=F%C3%B6rderwerk&secret=…&algorithm=SHA1&digits=6&period=30 */
            otpauthUri: string;
        };
        TotpConfirmDto: {
            /**
             * @description A current 6-digit code from the authenticator app
             * @example 123456
             */
            code: string;
        };
        TotpEnabledDto: {
            /** @example true */
            enabled: boolean;
        };
        RefreshDto: {
            /** @description The refresh token; without it, the fw_refresh cookie is used */
            refreshToken?: string;
        };
        SessionsRevokedDto: {
            /** @description How many sessions (refresh-token families) were ended */
            revokedSessions: number;
        };
        AcceptInvitationDto: {
            /** @description The token from the invitation link */
            token: string;
            /** @description At least 12 characters, not a common or breached password, not containing the e-mail address or name (else 400 PASSWORD_REJECTED) */
            password: string;
        };
        UserDto: {
            id: string;
            email: string;
            displayName: string;
            roles: ("applicant" | "caseworker" | "reviewer" | "approver" | "finance" | "auditor" | "admin")[];
            organisationId: string | null;
            /** @enum {string} */
            status: "invited" | "active" | "disabled";
        };
        PasswordResetRequestDto: {
            /** @example k.schmidt@mittweida.de */
            email: string;
        };
        PasswordResetRequestedDto: {
            /** @description The same sentence whether or not the address belongs to an account */
            message: string;
        };
        PasswordResetConfirmDto: {
            /** @description The token from the password-reset link */
            token: string;
            /** @description At least 12 characters, not a common or breached password, not containing the e-mail address or name (else 400 PASSWORD_REJECTED) */
            password: string;
        };
        ChangePasswordDto: {
            currentPassword: string;
            /** @description At least 12 characters, not a common or breached password, not containing the e-mail address or name (else 400 PASSWORD_REJECTED) */
            newPassword: string;
        };
        CreateOrganisationDto: {
            /** @example Markt */
            street?: string | null;
            /** @example 32 */
            buildingNumber?: string | null;
            /**
             * @description Five digits when country is DE
             * @example 09648
             */
            postalCode?: string | null;
            /** @example Mittweida */
            city?: string | null;
            /**
             * @description ISO 3166-1 alpha-2; DE when not given
             * @example DE
             */
            country?: string;
            /** @example Karin Schmidt */
            contactName?: string | null;
            /** @example k.schmidt@mittweida.de */
            contactEmail?: string | null;
            /** @example +49 3727 967-0 */
            contactPhone?: string | null;
            /** @example Stadt Mittweida */
            name: string;
            /**
             * @example municipality
             * @enum {string}
             */
            kind: "agency" | "municipality" | "district" | "municipal_association" | "company" | "association" | "partnership" | "freelancer" | "other_public_body";
            /**
             * @description Amtlicher Gemeindeschlüssel, 8 digits; required for municipalities and districts
             * @example 14522360
             */
            ags?: string;
        };
        OrganisationDto: {
            id: string;
            name: string;
            /** @enum {string} */
            kind: "agency" | "municipality" | "district" | "municipal_association" | "company" | "association" | "partnership" | "freelancer" | "other_public_body";
            ags: string | null;
            /** @description District key: the first five digits of the AGS */
            district: string | null;
            street: string | null;
            buildingNumber: string | null;
            postalCode: string | null;
            city: string | null;
            /** @example DE */
            country: string;
            contactName: string | null;
            contactEmail: string | null;
            contactPhone: string | null;
        };
        UpdateOrganisationDto: {
            /** @example Markt */
            street?: string | null;
            /** @example 32 */
            buildingNumber?: string | null;
            /**
             * @description Five digits when country is DE
             * @example 09648
             */
            postalCode?: string | null;
            /** @example Mittweida */
            city?: string | null;
            /**
             * @description ISO 3166-1 alpha-2; DE when not given
             * @example DE
             */
            country?: string;
            /** @example Karin Schmidt */
            contactName?: string | null;
            /** @example k.schmidt@mittweida.de */
            contactEmail?: string | null;
            /** @example +49 3727 967-0 */
            contactPhone?: string | null;
        };
        InviteUserDto: {
            /** @example k.schmidt@mittweida.de */
            email: string;
            /** @example Karin Schmidt */
            displayName: string;
            /**
             * @example [
             *       "applicant"
             *     ]
             */
            roles: ("applicant" | "caseworker" | "reviewer" | "approver" | "finance" | "auditor" | "admin")[];
            /** @description Required for applicants: the organisation they act for */
            organisationId?: string;
        };
        InvitationCreatedDto: {
            userId: string;
            email: string;
            expiresAt: string;
        };
        DeactivateUserDto: {
            /** @description Why (kept in the audit trail) */
            reason: string;
        };
        GuidelineSummaryDto: {
            code: string;
            title: string;
            edition: string;
            versionId: string;
            /** @description SHA-256 of the definition's canonical JSON */
            contentHash: string;
        };
        GuidelineVersionDto: {
            id: string;
            edition: string;
            contentHash: string;
            /** Format: date-time */
            createdAt: string;
            current: boolean;
        };
        AvailableTransitionDto: {
            name: string;
            to: string;
            reasonRequired: boolean;
        };
        CaseDto: {
            id: string;
            guidelineCode: string;
            guidelineVersionId: string;
            organisationId: string;
            callCode: string;
            title: string;
            state: string;
            version: number;
            fileNumber: string | null;
            /**
             * Format: date
             * @description When the formal application is due (set on invitation)
             */
            applicationDueOn: string | null;
            availableTransitions: components["schemas"]["AvailableTransitionDto"][];
        };
        CaseTransitionDto: {
            transition: string;
            fromState: string | null;
            toState: string;
            /** @description The public reason */
            reason: string | null;
            /** Format: date-time */
            occurredAt: string;
            /** @description Who took the step (agency roles only; absent for applicants) */
            actorId?: string;
            /** @description Internal note (agency roles only; absent for applicants) */
            internalNote?: string | null;
        };
        TransitionDto: {
            /**
             * @description Name of a transition of the case's guideline workflow
             * @example submit_concept
             */
            transition: string;
            /** @description Why, for the applicant to read; required where the guideline says so (e.g. rejections) */
            reason?: string;
            /** @description A working note of the agency, stored apart from the reason; applicants never see it (agency roles only, else 403 INTERNAL_NOTE_NOT_ALLOWED) */
            internalNote?: string;
            /** @description The case version the client last saw; refused with 409 STALE_VERSION if it changed */
            expectedVersion?: number;
            /** @description Data for the step's checks and effects */
            input?: Record<string, never>;
        };
        CallBudgetViewDto: {
            fiscalYear: number;
            /** @description Euro cents */
            amountCents: number;
        };
        CallSummaryDto: {
            guidelineCode: string;
            callCode: string;
            title: string;
            /** @example 2026-09-01 */
            opensOn: string;
            /** @example 2027-01-31 */
            deadline: string;
            /** @enum {string} */
            status: "upcoming" | "open" | "closed";
            /**
             * Format: date-time
             * @description Set when the call was closed before its deadline
             */
            closedAt: string | null;
            closeReason: string | null;
            budgets: components["schemas"]["CallBudgetViewDto"][];
            /** @description Euro cents */
            totalBudgetCents: number;
            version: number;
            /** Format: date-time */
            updatedAt: string;
        };
        TerritoryViewDto: {
            /**
             * @description An AGS lies inside when it starts with one of these
             * @example [
             *       "14"
             *     ]
             */
            agsPrefixes: string[];
            /** @example Freistaat Sachsen */
            label: string;
        };
        VariantViewDto: {
            code: string;
            label: string;
            /** @description Euro cents */
            maxGrantCents: number;
        };
        CostCategoryViewDto: {
            code: string;
            label: string;
            eligible: boolean;
            /** @description Basis points (10000 = 100 %) */
            maxRateBp?: number;
            ineligibleReason?: string;
        };
        AttachmentTypeViewDto: {
            code: string;
            label: string;
            /** @enum {string} */
            stage: "concept" | "application" | "payment" | "report";
            required: boolean;
            mediaTypes: string[];
            maxBytes: number;
        };
        FormFieldViewDto: {
            key: string;
            label: string;
            /** @enum {string} */
            type: "text" | "textarea" | "number" | "integer" | "date" | "boolean" | "select" | "email" | "ags";
            required: boolean;
            maxLength?: number;
            options?: string[];
        };
        FormViewDto: {
            fields: components["schemas"]["FormFieldViewDto"][];
        };
        DeadlinesViewDto: {
            informationRequestWorkingDays: number;
            reminderDaysBefore: number;
            objectionPeriodMonths: number;
            deemedReceiptDays: number;
            /** @enum {string} */
            holidayCalendar?: "DE-SN" | "DE-ST";
            applicationDueDays?: number;
        };
        ScaleViewDto: {
            min: number;
            max: number;
        };
        CriterionViewDto: {
            code: string;
            label: string;
            weight: number;
            knockOutBelow?: number;
        };
        JuryViewDto: {
            scale: components["schemas"]["ScaleViewDto"];
            reviewersPerConcept: number;
            minimumScore: number;
            commentRequiredAtOrBelow: number;
            criteria: components["schemas"]["CriterionViewDto"][];
        };
        CallChangeDto: {
            /** @enum {string} */
            kind: "opened" | "changed" | "closed" | "budget";
            reason: string | null;
            /** @description What changed, e.g. {deadline: {from, to}} */
            changes: Record<string, never>;
            actorId: string | null;
            /** Format: date-time */
            occurredAt: string;
        };
        CallDetailDto: {
            guidelineCode: string;
            callCode: string;
            title: string;
            /** @example 2026-09-01 */
            opensOn: string;
            /** @example 2027-01-31 */
            deadline: string;
            /** @enum {string} */
            status: "upcoming" | "open" | "closed";
            /**
             * Format: date-time
             * @description Set when the call was closed before its deadline
             */
            closedAt: string | null;
            closeReason: string | null;
            budgets: components["schemas"]["CallBudgetViewDto"][];
            /** @description Euro cents */
            totalBudgetCents: number;
            version: number;
            /** Format: date-time */
            updatedAt: string;
            guidelineTitle: string;
            /** @description Euro cents */
            minimumGrantCents: number;
            eligibleApplicantTypes: string[];
            territory: components["schemas"]["TerritoryViewDto"] | null;
            variants: components["schemas"]["VariantViewDto"][];
            costCategories: components["schemas"]["CostCategoryViewDto"][];
            attachmentTypes: components["schemas"]["AttachmentTypeViewDto"][];
            conceptForm: components["schemas"]["FormViewDto"];
            applicationForm: components["schemas"]["FormViewDto"];
            deadlines: components["schemas"]["DeadlinesViewDto"];
            /** @description Only for agency roles and reviewers */
            jury?: components["schemas"]["JuryViewDto"];
            /** @description Only for agency roles and reviewers: every change with its reason */
            changes?: components["schemas"]["CallChangeDto"][];
        };
        CallBudgetDto: {
            /** @example 2028 */
            fiscalYear: number;
            /**
             * @description Euro cents
             * @example 250000000
             */
            amountCents: number;
        };
        OpenCallDto: {
            guidelineCode: string;
            guidelineTitle: string;
            callCode: string;
            title: string;
            /** Format: date */
            opensOn: string;
            /** Format: date */
            deadline: string;
            minimumGrantCents: number;
            /** @description Variants with their caps */
            variants: {
                [key: string]: unknown;
            }[];
            /** @description Cost categories with rates */
            costCategories: {
                [key: string]: unknown;
            }[];
            /** @description Attachment types: code, stage, media types, size limit */
            attachmentTypes: {
                [key: string]: unknown;
            }[];
            /** @description The concept form definition */
            conceptForm: {
                [key: string]: unknown;
            };
        };
        ChangeCallDto: {
            /** @example 2. Förderaufruf FRL LIfD (verlängert) */
            title?: string;
            /** @example 2026-09-01 */
            opensOn?: string;
            /** @example 2027-02-28 */
            deadline?: string;
            /**
             * @description Why; kept with the call and in the audit trail
             * @example Verlängert wegen der Kommunalwahlen.
             */
            reason: string;
        };
        CloseCallDto: {
            /** @example Das Budget ist mit den eingegangenen Skizzen ausgeschöpft. */
            reason: string;
        };
        SetBudgetDto: {
            /**
             * @description Euro cents; never below what is committed in the year
             * @example 300000000
             */
            amountCents: number;
            /** @example Nachtragshaushalt 2027 */
            reason: string;
        };
        LedgerRowDto: {
            /** @example 2027 */
            fiscalYear: number;
            /** @description Euro cents */
            budgetCents: number;
            /** @description Euro cents committed by approved decisions */
            committedCents: number;
            /** @description Euro cents paid out */
            paidCents: number;
            /** @description Euro cents recovered */
            recoveredCents: number;
            /** @description Budget minus committed, euro cents */
            availableCents: number;
        };
        CaseListItemDto: {
            /** Format: uuid */
            id: string;
            fileNumber: string | null;
            title: string;
            state: string;
            /** @enum {string|null} */
            stage: "concept" | "application" | "decision" | "payment" | "reporting" | "closed" | null;
            guidelineCode: string;
            callCode: string;
            variant: string | null;
            locationAgs: string | null;
            district: string | null;
            /** Format: uuid */
            organisationId: string;
            organisationName: string;
            grantCents: number | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        CaseListDto: {
            items: components["schemas"]["CaseListItemDto"][];
            total: number;
            page: number;
            pageSize: number;
        };
        CreateConceptDto: {
            /** @example frl-lifd */
            guidelineCode: string;
            /** @example 2026-1 */
            callCode: string;
        };
        CostLineViewDto: {
            category: string;
            amountCents: number;
            fiscalYear?: number;
            description?: string;
        };
        ThirdPartyFundViewDto: {
            source: string;
            amountCents: number;
        };
        ProblemViewDto: {
            /** @example FIELD_REQUIRED */
            code: string;
            /**
             * @description Dotted path into the draft
             * @example fields.title
             */
            field: string;
            message: string;
        };
        ProposalCaseDto: {
            /** Format: uuid */
            id: string;
            state: string;
            stateLabel?: string;
            version: number;
            fileNumber: string | null;
            title: string;
        };
        ProposalViewDto: {
            /** Format: uuid */
            caseId: string;
            /** @enum {string} */
            stage: "concept" | "application";
            /** @description Send it back with the next save */
            version: number;
            variant: string | null;
            locationAgs: string | null;
            /** @description Form answers by field key */
            fields: {
                [key: string]: unknown;
            };
            costs: components["schemas"]["CostLineViewDto"][];
            /** @description Requested rate per cost category, basis points */
            requestedRatesBp: {
                [key: string]: number;
            };
            ownContributionCents: number;
            thirdPartyFunds: components["schemas"]["ThirdPartyFundViewDto"][];
            /** Format: date */
            fundingStart: string | null;
            /** Format: date */
            fundingEnd: string | null;
            iban: string | null;
            accountHolder: string | null;
            grantCents: number | null;
            /** @description How the grant was computed */
            calculation: {
                [key: string]: unknown;
            } | null;
            editable: boolean;
            /** @description What still blocks submission */
            problems: components["schemas"]["ProblemViewDto"][];
            case: components["schemas"]["ProposalCaseDto"];
        };
        CostLineDto: {
            /**
             * @description A cost category code of the guideline
             * @example equipment
             */
            category: string;
            /**
             * @description Euro cents
             * @example 12345679
             */
            amountCents: number;
            /** @example Lasercutter */
            description?: string;
            /**
             * @description Fiscal year the cost falls in; required in the formal application
             * @example 2027
             */
            fiscalYear?: number;
        };
        ThirdPartyFundDto: {
            /** @example Landkreis Mittelsachsen */
            source: string;
            /** @example 500000 */
            amountCents: number;
        };
        SaveConceptDto: {
            /** @description The draft version this edit is based on; a stale one is refused with 409 */
            version: number;
            /**
             * @description A variant code of the guideline. Left out: the saved value is kept.
             * @example stationary
             */
            variant?: string;
            /**
             * @description AGS of the municipality where the space will be. Left out: the saved value is kept.
             * @example 14522360
             */
            locationAgs?: string;
            /** @description Answers to the guideline's form, by field key, merged into the saved answers: a key sent replaces its answer, a key sent as null removes it, a key left out keeps it. */
            fields?: Record<string, never>;
            /** @description The whole list of cost lines, replacing the saved one. A line whose fiscalYear lies outside the call's budget years (or, in the application, the funding period) is refused with 422. Left out: the saved value is kept. */
            costs?: components["schemas"]["CostLineDto"][];
            /**
             * @description Requested funding rate per category in basis points; default the maximum. Replaces the saved rates. Left out: the saved value is kept.
             * @example {
             *       "staff": 5000
             *     }
             */
            requestedRatesBp?: Record<string, never>;
            /**
             * @description Eigenanteil in cents. Left out: the saved value is kept.
             * @example 3000000
             */
            ownContributionCents?: number;
            /** @description The whole list of third-party funds, replacing the saved one. Left out: the saved value is kept. */
            thirdPartyFunds?: components["schemas"]["ThirdPartyFundDto"][];
        };
        SaveApplicationDto: {
            /** @description The draft version this edit is based on; a stale one is refused with 409 */
            version: number;
            /**
             * @description A variant code of the guideline. Left out: the saved value is kept.
             * @example stationary
             */
            variant?: string;
            /**
             * @description AGS of the municipality where the space will be. Left out: the saved value is kept.
             * @example 14522360
             */
            locationAgs?: string;
            /** @description Answers to the guideline's form, by field key, merged into the saved answers: a key sent replaces its answer, a key sent as null removes it, a key left out keeps it. */
            fields?: Record<string, never>;
            /** @description The whole list of cost lines, replacing the saved one. A line whose fiscalYear lies outside the call's budget years (or, in the application, the funding period) is refused with 422. Left out: the saved value is kept. */
            costs?: components["schemas"]["CostLineDto"][];
            /**
             * @description Requested funding rate per category in basis points; default the maximum. Replaces the saved rates. Left out: the saved value is kept.
             * @example {
             *       "staff": 5000
             *     }
             */
            requestedRatesBp?: Record<string, never>;
            /**
             * @description Eigenanteil in cents. Left out: the saved value is kept.
             * @example 3000000
             */
            ownContributionCents?: number;
            /** @description The whole list of third-party funds, replacing the saved one. Left out: the saved value is kept. */
            thirdPartyFunds?: components["schemas"]["ThirdPartyFundDto"][];
            /**
             * @description Start of the funding period (Bewilligungszeitraum). Left out: the saved value is kept.
             * @example 2027-03-01
             */
            fundingStart?: string;
            /**
             * @description End of the funding period. Left out: the saved value is kept.
             * @example 2028-12-31
             */
            fundingEnd?: string;
            /**
             * @description IBAN for payments. Left out: the saved value is kept.
             * @example DE89 3704 0044 0532 0130 00
             */
            iban?: string;
            /**
             * @description Account holder. Left out: the saved value is kept.
             * @example Stadt Mittweida
             */
            accountHolder?: string;
        };
        WithdrawDto: {
            /** @example Der Stadtrat hat das Vorhaben zurückgestellt. */
            reason?: string;
        };
        EarlyStartRequestDto: {
            /** @example 2027-01-15 */
            requestedStart: string;
            /** @example Die Fördermittel des Landkreises verfallen sonst zum Jahresende. */
            reason: string;
        };
        EarlyStartRequestViewDto: {
            /** Format: uuid */
            caseId: string;
            /** Format: date */
            requestedStart: string;
            reason: string;
            /** Format: uuid */
            requestedBy: string;
            /** Format: date-time */
            requestedAt: string;
            approved: boolean | null;
            /** Format: uuid */
            decidedBy: string | null;
            /** Format: date-time */
            decidedAt: string | null;
            decisionNote: string | null;
        };
        EarlyStartDecisionDto: {
            approved: boolean;
            note?: string;
        };
        AttachmentUploadDto: {
            /**
             * Format: binary
             * @description The file; its media type is checked by its bytes
             */
            file: string;
        };
        AttachmentViewDto: {
            /** Format: uuid */
            id: string;
            type: string;
            stage: string;
            filename: string;
            mediaType: string;
            sizeBytes: number;
            sha256: string;
            /** Format: uuid */
            informationRequestId: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        InformationRequestDto: {
            /** @example Bitte reichen Sie das fehlende Angebot für den Lasercutter nach. */
            message: string;
            /** @description Working days to answer; default from the guideline */
            workingDays?: number;
        };
        InformationRequestViewDto: {
            /** Format: uuid */
            id: string;
            message: string;
            /** Format: date */
            dueOn: string;
            /** Format: date-time */
            requestedAt: string;
            answer: string | null;
            /** Format: date-time */
            answeredAt: string | null;
            /** Format: date-time */
            reminderSentAt: string | null;
            overdue: boolean;
        };
        InformationAnswerDto: {
            /** @example Das Angebot ist als Anlage beigefügt. */
            answer: string;
        };
        AffiliationsDto: {
            /** @description Organisations the reviewer belongs to or works for */
            organisationIds: string[];
            /**
             * @description Districts (first five digits of the AGS)
             * @example [
             *       "14522"
             *     ]
             */
            districts: string[];
        };
        AffiliationsViewDto: {
            /** Format: uuid */
            reviewerId: string;
            organisationIds: string[];
            districts: string[];
        };
        AssignDto: {
            caseId: string;
            reviewerId: string;
        };
        AssignmentCreatedDto: {
            /** Format: uuid */
            assignmentId: string;
        };
        PlannedAssignmentDto: {
            /** Format: uuid */
            caseId: string;
            /** Format: uuid */
            reviewerId: string;
        };
        ExclusionDto: {
            /** Format: uuid */
            caseId: string;
            /** Format: uuid */
            reviewerId: string;
            /** @example district */
            reason: string;
        };
        UnfilledDto: {
            /** Format: uuid */
            caseId: string;
            missing: number;
        };
        AutoAssignmentDto: {
            assignments: components["schemas"]["PlannedAssignmentDto"][];
            exclusions: components["schemas"]["ExclusionDto"][];
            unfilled: components["schemas"]["UnfilledDto"][];
        };
        ConceptReviewSummaryDto: {
            /** Format: uuid */
            reviewerId: string;
            total: number;
            /** @description Knock-out criteria that failed */
            knockedOut: string[];
        };
        ConceptResultDto: {
            /** Format: uuid */
            caseId: string;
            fileNumber: string | null;
            title: string;
            state: string;
            /** Format: uuid */
            organisationId: string;
            requestedGrantCents: number;
            submittedAt: string;
            reviews: components["schemas"]["ConceptReviewSummaryDto"][];
            missingReviews: number;
            score: number | null;
            spread: number;
            disagreement: boolean;
            disagreementResolved: boolean;
            knockedOut: boolean;
            criterionMeans: {
                [key: string]: number;
            };
        };
        ReviewResultsDto: {
            concepts: components["schemas"]["ConceptResultDto"][];
            /** @description How each reviewer scores across the call */
            reviewers: {
                [key: string]: unknown;
            }[];
        };
        RankingEntryDto: {
            /** Format: uuid */
            caseId: string;
            fileNumber: string | null;
            title: string;
            state: string;
            score: number | null;
            criterionMeans: {
                [key: string]: number;
            };
            requestedGrantCents: number;
            submittedAt: string;
            knockedOut: boolean;
            rank: number | null;
            tie: boolean;
            belowMinimum: boolean;
            fundable: boolean;
            cumulativeGrantCents: number | null;
            aboveFundingLine: boolean;
        };
        RankingDto: {
            budgetCents: number;
            entries: components["schemas"]["RankingEntryDto"][];
        };
        OutcomeDecisionDto: {
            caseId: string;
            /** @enum {string} */
            outcome: "invite" | "reject";
            /** @description Required for a rejection */
            reason?: string;
        };
        JuryOutcomeDto: {
            /** @description Decide concepts one by one */
            decisions?: components["schemas"]["OutcomeDecisionDto"][];
            /** @description Apply the whole ranking: invite those above the funding line, reject the others with this reason */
            rejectAllOthersWithReason?: string;
        };
        JuryResultDto: {
            /** Format: uuid */
            caseId: string;
            /** @enum {string} */
            outcome: "invite" | "reject";
            state: string;
        };
        JuryOutcomeResultDto: {
            results: components["schemas"]["JuryResultDto"][];
        };
        MyAssignmentDto: {
            /** Format: uuid */
            assignmentId: string;
            /** Format: uuid */
            caseId: string;
            fileNumber: string | null;
            title: string;
            organisationName: string;
            callCode: string;
            /** @example active */
            status: string;
            /** Format: date-time */
            declaredAt: string | null;
            reviewStatus: string | null;
        };
        DeclarationDto: {
            /** @description true: I have a conflict of interest (Befangenheit) and withdraw from this concept */
            conflict: boolean;
            /** @description Required when declaring a conflict */
            reason?: string;
        };
        AssignmentStatusDto: {
            /** Format: uuid */
            assignmentId: string;
            /** @example active */
            status: string;
        };
        ConceptAttachmentDto: {
            /** Format: uuid */
            id: string;
            type: string;
            filename: string;
            mediaType: string;
            sha256: string;
        };
        ConceptForReviewDto: {
            /** Format: uuid */
            caseId: string;
            fileNumber: string | null;
            title: string;
            organisationName: string;
            variant: string | null;
            locationAgs: string | null;
            fields: {
                [key: string]: unknown;
            };
            costs: {
                [key: string]: unknown;
            }[];
            ownContributionCents: number;
            thirdPartyFunds: {
                [key: string]: unknown;
            }[];
            grantCents: number | null;
            calculation: {
                [key: string]: unknown;
            } | null;
            attachments: components["schemas"]["ConceptAttachmentDto"][];
        };
        ReviewViewDto: {
            /** Format: uuid */
            assignmentId: string;
            /** Format: uuid */
            reviewerId: string;
            /** @enum {string} */
            status: "draft" | "submitted";
            version: number;
            /** @description Per criterion code: {score, comment?} */
            scores: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            submittedAt: string | null;
        };
        SaveReviewDto: {
            /** @description The review version this edit is based on (0 for a review never saved) */
            version: number;
            /**
             * @description Per criterion code: score on the guideline scale and a comment. Merged into the saved draft per criterion: a criterion sent replaces its score and comment, one left out keeps them, one sent as null is removed. Leave out to keep all.
             * @example {
             *       "innovation": {
             *         "score": 4,
             *         "comment": "Überzeugend"
             *       },
             *       "cooperation": null
             *     }
             */
            scores?: Record<string, never>;
        };
        ReviewDraftDto: {
            /** Format: uuid */
            assignmentId: string;
            /** @enum {string} */
            status: "draft";
            version: number;
            scores: {
                [key: string]: unknown;
            };
        };
        ReviewSubmittedDto: {
            /** Format: uuid */
            assignmentId: string;
            /** @enum {string} */
            status: "submitted";
            /** @description The weighted total */
            total: number;
            knockedOut: string[];
        };
        ReasonDto: {
            reason: string;
        };
        CaseReviewDto: {
            /** @description The reviewer id (staff), "you" or "reviewer n" (other reviewers) */
            reviewer: string;
            status: string;
            scores: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            submittedAt: string | null;
        };
        ResolutionDto: {
            /** @example Im Jurygespräch erörtert; die Bewertungen bleiben bestehen. */
            note: string;
        };
        ResolutionViewDto: {
            /** Format: uuid */
            caseId: string;
            note: string;
        };
        ReductionDto: {
            /** @example equipment */
            category: string;
            /** @description The eligible costs accepted for the category, in cents */
            eligibleCents: number;
            /** @example Angebot 2 ist wirtschaftlicher. */
            reason: string;
        };
        PrepareDecisionDto: {
            /** @enum {string} */
            kind: "approval" | "partial" | "rejection";
            /** @description For a partial approval: reduced eligible costs per category, each with a reason */
            reductions?: components["schemas"]["ReductionDto"][];
            /** @description For a rejection: the reasons */
            reasons?: string[];
        };
        DecisionViewDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            caseId: string;
            /**
             * @description approval, partial, rejection or amendment
             * @example approval
             */
            kind: string;
            /**
             * @description prepared, returned, approved, …
             * @example prepared
             */
            status: string;
            grantCents: number;
            costs: {
                [key: string]: unknown;
            }[] | null;
            reductions: {
                [key: string]: unknown;
            }[] | null;
            reasons: string[] | null;
            ownContributionCents: number;
            thirdPartyFunds: {
                [key: string]: unknown;
            }[] | null;
            /** Format: date */
            fundingStart: string | null;
            /** Format: date */
            fundingEnd: string | null;
            calculation: {
                [key: string]: unknown;
            } | null;
            verificationCode: string | null;
            /** Format: date */
            noticeDate: string | null;
            /** Format: date */
            deemedReceivedOn: string | null;
            /** Format: date */
            objectionDeadline: string | null;
            /**
             * Format: uuid
             * @description Agency roles only
             */
            preparedBy?: string;
            /**
             * Format: uuid
             * @description Agency roles only
             */
            approvedBy?: string | null;
            /** @description The approver's send-back comment (agency roles only) */
            returnComment?: string | null;
        };
        CommentDto: {
            /** @description For the caseworker; stored as an internal note, never shown to the applicant */
            comment: string;
        };
        AmendmentDto: {
            /** @example Verlängerung wegen Lieferverzug des Fahrzeugs. */
            reason: string;
            costs?: components["schemas"]["CostLineDto"][];
            thirdPartyFunds?: components["schemas"]["ThirdPartyFundDto"][];
            fundingStart?: string;
            fundingEnd?: string;
        };
        ObjectionDto: {
            /** @example Widerspruch vom 30.11.2026 gegen die Kürzung der Personalausgaben. */
            reason: string;
        };
        ObjectionOutcomeDto: {
            /**
             * @description upheld: decided anew (Abhilfe)
             * @enum {string}
             */
            outcome: "dismissed" | "upheld" | "withdrawn";
            reason?: string;
        };
        NoticeViewDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            decisionId: string;
            kind: string;
            sha256: string;
            verificationCode: string;
            /** Format: date */
            issuedOn: string;
        };
        VerifiedNoticeDto: {
            /** @enum {boolean} */
            genuine: true;
            /** @example FW-3F9A-7C21-BE04-0A1B */
            verificationCode: string;
            /** @enum {string} */
            kind: "approval" | "rejection" | "amendment";
            /**
             * @description The German title of the notice
             * @example Zuwendungsbescheid
             */
            title: string;
            /**
             * @description The authority that issued it
             * @example Sächsische Aufbaubank – Förderbank –
             */
            issuer: string;
            /** @example LIfD-2026-1-000123 */
            fileNumber: string;
            /**
             * @description The notice date (calendar date in Germany)
             * @example 2027-02-15
             */
            issuedOn: string;
            /** @description SHA-256 of the issued PDF, hex */
            sha256: string;
        };
        HashVerificationDto: {
            /** @description Whether a notice with this SHA-256 was issued */
            genuine: boolean;
            sha256: string;
            /** @enum {string} */
            kind?: "approval" | "rejection" | "amendment";
            fileNumber?: string;
            caseId?: string;
            issuedOn?: string;
            verificationCode?: string;
        };
        TaskDto: {
            /**
             * @description draft: a concept or application to edit and submit; step: a workflow step the guideline gives your role in the case's state (see steps); information_request: an information request to answer; overdue_answer: an information request whose deadline passed unanswered; declaration / review: a concept to declare conflicts for / to score; sign_decision: a prepared decision to sign off
             * @enum {string}
             */
            kind: "draft" | "step" | "information_request" | "overdue_answer" | "declaration" | "review" | "sign_decision";
            /** Format: uuid */
            caseId: string;
            fileNumber: string | null;
            title: string;
            /** @description The case's workflow state */
            state: string;
            stateLabel: string;
            /**
             * Format: date
             * @description By when (information requests: their deadline; drafts of invited cases: the application due date)
             */
            dueOn?: string;
            /** @description The awaited workflow steps (transition names) */
            steps?: string[];
            /**
             * @description Where to continue: the API resource to open
             * @example /api/v1/cases/0b7e…/concept
             */
            link: string;
            /** Format: uuid */
            informationRequestId?: string;
            /** Format: uuid */
            assignmentId?: string;
            /** Format: uuid */
            decisionId?: string;
        };
        TimelineTransitionDto: {
            name: string;
            fromState: string | null;
            fromStateLabel: string | null;
            toState: string;
            toStateLabel: string;
            /** @description The public reason */
            reason: string | null;
            /**
             * Format: uuid
             * @description Who took the step: agency staff only, never shown to applicants
             */
            actorId?: string;
        };
        TimelineNoticeDto: {
            /** Format: uuid */
            id: string;
            kind: string;
            /** Format: date */
            issuedOn: string;
            verificationCode: string;
        };
        TimelineMailDto: {
            subject: string;
            /** @description Agency staff only */
            recipient?: string;
            /** @description Sent to the agency only (agency staff see these alone) */
            internal?: boolean;
        };
        TimelineInformationRequestDto: {
            /** Format: uuid */
            id: string;
            message: string;
            /** Format: date */
            dueOn: string;
            overdue: boolean;
        };
        TimelineEntryDto: {
            /**
             * Format: date-time
             * @description When (ISO instant)
             */
            at: string;
            /** @enum {string} */
            kind: "transition" | "notice" | "mail" | "information_requested" | "information_answered";
            /** @description A line for people */
            summary: string;
            transition?: components["schemas"]["TimelineTransitionDto"];
            notice?: components["schemas"]["TimelineNoticeDto"];
            mail?: components["schemas"]["TimelineMailDto"];
            informationRequest?: components["schemas"]["TimelineInformationRequestDto"];
        };
        TimelineDto: {
            /** Format: uuid */
            caseId: string;
            fileNumber: string | null;
            /**
             * Format: date
             * @description When the formal application is due, once invited
             */
            applicationDueOn: string | null;
            /** @description Oldest first */
            entries: components["schemas"]["TimelineEntryDto"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    HealthController_check: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
            /** @description Error codes: SERVICE_UNAVAILABLE (database or Redis down; details: {status, database, redis}) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AuditController_verify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditVerificationDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AuditController_checkpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckpointDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUDIT_CHAIN_BROKEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AuthController_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: INVALID_CREDENTIALS, TOTP_REQUIRED, TOTP_INVALID */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: TOO_MANY_LOGIN_ATTEMPTS */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AuthController_enrolTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TotpEnrolmentDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: TOTP_ALREADY_ENABLED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AuthController_confirmTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TotpConfirmDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TotpEnabledDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, TOTP_INVALID */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: TOTP_ALREADY_ENABLED, TOTP_NOT_ENROLLED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AuthController_refresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, REFRESH_TOKEN_REQUIRED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: REFRESH_TOKEN_INVALID, REFRESH_TOKEN_EXPIRED, REFRESH_TOKEN_REUSED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AuthController_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionsRevokedDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, REFRESH_TOKEN_REQUIRED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AuthController_logoutAll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionsRevokedDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AuthController_acceptInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptInvitationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, PASSWORD_REJECTED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: INVITATION_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: INVITATION_USED, INVITATION_REVOKED, INVITATION_EXPIRED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AuthController_requestPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordResetRequestDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PasswordResetRequestedDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: TOO_MANY_PASSWORD_RESET_REQUESTS */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AuthController_confirmPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordResetConfirmDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, PASSWORD_REJECTED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: PASSWORD_RESET_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: PASSWORD_RESET_USED, PASSWORD_RESET_EXPIRED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AuthController_changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, PASSWORD_REJECTED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CURRENT_PASSWORD_WRONG */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AuthController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AccountsController_listOrganisations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganisationDto"][];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AccountsController_createOrganisation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrganisationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganisationDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, AGS_REQUIRED, AGS_INVALID, POSTAL_CODE_INVALID, ADDRESS_INCOMPLETE */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AGS_TAKEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AccountsController_getOrganisation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganisationDto"];
                };
            };
            /** @description Error codes: BAD_REQUEST */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AccountsController_updateOrganisation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateOrganisationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganisationDto"];
                };
            };
            /** @description Error codes: BAD_REQUEST, VALIDATION_FAILED, POSTAL_CODE_INVALID, ADDRESS_INCOMPLETE */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AccountsController_invite: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InviteUserDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationCreatedDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, ORGANISATION_REQUIRED, ORGANISATION_NOT_FOUND */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: EMAIL_TAKEN, USER_ALREADY_INVITED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AccountsController_renewInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationCreatedDto"];
                };
            };
            /** @description Error codes: BAD_REQUEST */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: USER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: USER_ALREADY_ACTIVE, USER_DISABLED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AccountsController_deactivateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeactivateUserDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description Error codes: BAD_REQUEST, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: USER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CANNOT_DEACTIVATE_SELF, USER_ALREADY_DISABLED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AccountsController_reactivateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeactivateUserDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"];
                };
            };
            /** @description Error codes: BAD_REQUEST, VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: USER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: USER_NOT_DISABLED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AccountsController_listUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDto"][];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    GuidelinesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuidelineSummaryDto"][];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    GuidelinesController_versions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuidelineVersionDto"][];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: GUIDELINE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CasesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseDto"];
                };
            };
            /** @description Error codes: BAD_REQUEST */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CasesController_history: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseTransitionDto"][];
                };
            };
            /** @description Error codes: BAD_REQUEST */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CasesController_transition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransitionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, TRANSITION_UNKNOWN, REASON_REQUIRED, TRANSITION_HAS_OWN_ROUTE, BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED, INTERNAL_NOTE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: TRANSITION_NOT_ALLOWED_IN_STATE, STALE_VERSION, CONCURRENT_MODIFICATION, TRANSITION_UNAVAILABLE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CHECKS_FAILED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CallsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallSummaryDto"][];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: GUIDELINE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CallsController_open: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OpenCallDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallDetailDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, DATE_INVALID, DEADLINE_BEFORE_OPENING, FISCAL_YEAR_DUPLICATE */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: GUIDELINE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CALL_EXISTS */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CallsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                call: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallDetailDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: GUIDELINE_NOT_FOUND, CALL_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CallsController_change: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                call: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeCallDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallDetailDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, NOTHING_TO_CHANGE, DATE_INVALID, DEADLINE_BEFORE_OPENING */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: GUIDELINE_NOT_FOUND, CALL_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CALL_CLOSED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CallsController_close: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                call: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CloseCallDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallDetailDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: GUIDELINE_NOT_FOUND, CALL_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CALL_ALREADY_CLOSED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    CallsController_setBudget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                call: string;
                fiscalYear: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetBudgetDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallDetailDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, BAD_REQUEST, FISCAL_YEAR_INVALID, NOTHING_TO_CHANGE */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: GUIDELINE_NOT_FOUND, CALL_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: BUDGET_BELOW_COMMITTED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    LedgerController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                call: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LedgerRowDto"][];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CALL_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApplicationsController_openCalls: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenCallDto"][];
                };
            };
            /** @description Error codes: TOO_MANY_REQUESTS */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApplicationsController_list: {
        parameters: {
            query?: {
                guideline?: string;
                call?: string;
                stage?: "concept" | "application" | "decision" | "payment" | "reporting" | "closed";
                state?: string;
                variant?: string;
                /** @description District key: the first five digits of the AGS, e.g. 14522 */
                district?: string;
                /** @description Searches title and file number */
                q?: string;
                /** @description Only cases with an overdue information request */
                overdue?: boolean;
                sort?: "createdAt" | "updatedAt" | "fileNumber" | "title" | "state";
                order?: "asc" | "desc";
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseListDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApplicationsController_createConcept: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateConceptDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalViewDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: GUIDELINE_NOT_FOUND, CALL_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CALL_NOT_OPEN */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApplicationsController_getConcept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalViewDto"];
                };
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND, PROPOSAL_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApplicationsController_saveConcept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SaveConceptDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalViewDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, FIELD_INVALID, FIELD_UNKNOWN, BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND, PROPOSAL_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: STALE_VERSION, PROPOSAL_NOT_EDITABLE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: COST_YEAR_OUTSIDE_FUNDING_PERIOD, COST_YEAR_OUTSIDE_CALL_BUDGET */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApplicationsController_submitConcept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The case as it is afterwards */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseDto"];
                };
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: TRANSITION_NOT_ALLOWED_IN_STATE, CONCURRENT_MODIFICATION, STALE_VERSION */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CHECKS_FAILED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApplicationsController_getApplication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalViewDto"];
                };
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND, PROPOSAL_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApplicationsController_saveApplication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SaveApplicationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProposalViewDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, FIELD_INVALID, FIELD_UNKNOWN, BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND, PROPOSAL_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: STALE_VERSION, PROPOSAL_NOT_EDITABLE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: COST_YEAR_OUTSIDE_FUNDING_PERIOD, COST_YEAR_OUTSIDE_CALL_BUDGET */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApplicationsController_startApplication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The case as it is afterwards */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseDto"];
                };
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: TRANSITION_NOT_ALLOWED_IN_STATE, CONCURRENT_MODIFICATION, STALE_VERSION */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CHECKS_FAILED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApplicationsController_submitApplication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The case as it is afterwards */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseDto"];
                };
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: TRANSITION_NOT_ALLOWED_IN_STATE, CONCURRENT_MODIFICATION, STALE_VERSION */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CHECKS_FAILED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApplicationsController_withdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WithdrawDto"];
            };
        };
        responses: {
            /** @description The case as it is afterwards */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseDto"];
                };
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: TRANSITION_NOT_ALLOWED_IN_STATE, CONCURRENT_MODIFICATION, STALE_VERSION */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CHECKS_FAILED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApplicationsController_getEarlyStart: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The early-start request, or 404 EARLY_START_NOT_REQUESTED */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EarlyStartRequestViewDto"];
                };
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND, EARLY_START_NOT_REQUESTED */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApplicationsController_requestEarlyStart: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EarlyStartRequestDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EarlyStartRequestViewDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: EARLY_START_ALREADY_REQUESTED, PROPOSAL_NOT_EDITABLE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApplicationsController_decideEarlyStart: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EarlyStartDecisionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EarlyStartRequestViewDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND, EARLY_START_NOT_REQUESTED */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: EARLY_START_ALREADY_DECIDED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AttachmentsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AttachmentViewDto"][];
                };
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AttachmentsController_upload: {
        parameters: {
            query: {
                /** @description Attachment type code of the guideline, e.g. quotes */
                type: string;
                informationRequestId?: unknown;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["AttachmentUploadDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AttachmentViewDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, ATTACHMENT_TYPE_UNKNOWN, FILE_MISSING, MULTIPART_INVALID, BAD_REQUEST */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: PROPOSAL_NOT_EDITABLE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ATTACHMENT_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ATTACHMENT_CONTENT_NOT_ALLOWED, UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AttachmentsController_download: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                attachmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, with its stored media type */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND, ATTACHMENT_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AttachmentsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                attachmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND, ATTACHMENT_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: PROPOSAL_NOT_EDITABLE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    InformationRequestsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InformationRequestViewDto"][];
                };
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    InformationRequestsController_request: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InformationRequestDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InformationRequestViewDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: TRANSITION_NOT_ALLOWED_IN_STATE, CONCURRENT_MODIFICATION */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    InformationRequestsController_answer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                requestId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InformationAnswerDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InformationRequestViewDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND, INFORMATION_REQUEST_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: INFORMATION_REQUEST_ANSWERED, TRANSITION_NOT_ALLOWED_IN_STATE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CHECKS_FAILED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ReviewController_affiliations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AffiliationsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AffiliationsViewDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, ORGANISATION_NOT_FOUND, BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: REVIEWER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ReviewController_assign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                call: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignmentCreatedDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CALL_NOT_FOUND, REVIEWER_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: REVIEWER_CONFLICT, ALREADY_ASSIGNED, CONCEPT_NOT_IN_REVIEW */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ReviewController_autoAssign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                call: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutoAssignmentDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CALL_NOT_FOUND, GUIDELINE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ReviewController_results: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                call: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewResultsDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CALL_NOT_FOUND, GUIDELINE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ReviewController_ranking: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                call: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RankingDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CALL_NOT_FOUND, GUIDELINE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ReviewController_rankingCsv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                call: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description CSV, one concept a line */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CALL_NOT_FOUND, GUIDELINE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ReviewController_outcome: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
                call: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JuryOutcomeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JuryOutcomeResultDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, DECISIONS_REQUIRED, REASON_REQUIRED, CASE_NOT_IN_CALL */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CALL_NOT_FOUND, CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: TRANSITION_NOT_ALLOWED_IN_STATE, CONCURRENT_MODIFICATION */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CHECKS_FAILED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ReviewController_mine: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyAssignmentDto"][];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ReviewController_declare: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeclarationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignmentStatusDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, REASON_REQUIRED, BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ASSIGNMENT_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ALREADY_DECLARED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ReviewController_concept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConceptForReviewDto"];
                };
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED, DECLARATION_REQUIRED, CONFLICT_DECLARED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ASSIGNMENT_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ReviewController_attachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                attachmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, with its stored media type */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED, DECLARATION_REQUIRED, CONFLICT_DECLARED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ASSIGNMENT_NOT_FOUND, ATTACHMENT_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ReviewController_getReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewViewDto"];
                };
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ASSIGNMENT_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ReviewController_save: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SaveReviewDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewDraftDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, SCORE_INVALID, CRITERION_UNKNOWN, BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED, DECLARATION_REQUIRED, CONFLICT_DECLARED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ASSIGNMENT_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: STALE_VERSION, REVIEW_SUBMITTED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ReviewController_submit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewSubmittedDto"];
                };
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED, DECLARATION_REQUIRED, CONFLICT_DECLARED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ASSIGNMENT_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: REVIEW_SUBMITTED, STALE_VERSION */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: REVIEW_INCOMPLETE */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ReviewController_reopen: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            /** @description The review status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignmentStatusDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ASSIGNMENT_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: REVIEW_NOT_SUBMITTED, REVIEW_CLOSED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ReviewController_caseReviews: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseReviewDto"][];
                };
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED, OWN_REVIEW_NOT_SUBMITTED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ReviewController_resolve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResolutionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResolutionViewDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApprovalsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DecisionViewDto"][];
                };
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApprovalsController_prepare: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PrepareDecisionDto"];
            };
        };
        responses: {
            /** @description The prepared decision with the computed grant */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DecisionViewDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, REASONS_REQUIRED, REDUCTIONS_REQUIRED, REDUCTION_INVALID, CATEGORY_NOT_IN_PLAN, GRANT_BELOW_MINIMUM, BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: TRANSITION_NOT_ALLOWED_IN_STATE, CONCURRENT_MODIFICATION, APPLICATION_MISSING */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CHECKS_FAILED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApprovalsController_signOff: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The approved decision */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DecisionViewDto"];
                };
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED, FOUR_EYES_VIOLATION */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: DECISION_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: TRANSITION_NOT_ALLOWED_IN_STATE, CONCURRENT_MODIFICATION, DECISION_NOT_PREPARED, BUDGET_EXCEEDED, NOT_AMENDABLE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CHECKS_FAILED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApprovalsController_sendBack: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommentDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DecisionViewDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: DECISION_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: TRANSITION_NOT_ALLOWED_IN_STATE, CONCURRENT_MODIFICATION, DECISION_NOT_PREPARED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CHECKS_FAILED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApprovalsController_amend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AmendmentDto"];
            };
        };
        responses: {
            /** @description The prepared amendment */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DecisionViewDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, FISCAL_YEAR_REQUIRED, FUNDING_PERIOD_INVALID, GRANT_BELOW_MINIMUM, BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: NOT_AMENDABLE, DECISION_ALREADY_PREPARED */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApprovalsController_waive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The case */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseDto"];
                };
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: TRANSITION_NOT_ALLOWED_IN_STATE, CONCURRENT_MODIFICATION */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CHECKS_FAILED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApprovalsController_object: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ObjectionDto"];
            };
        };
        responses: {
            /** @description The case */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: TRANSITION_NOT_ALLOWED_IN_STATE, CONCURRENT_MODIFICATION */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CHECKS_FAILED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApprovalsController_resolve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ObjectionOutcomeDto"];
            };
        };
        responses: {
            /** @description The case */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseDto"];
                };
            };
            /** @description Error codes: VALIDATION_FAILED, REASON_REQUIRED, BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: ROLE_NOT_ALLOWED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: TRANSITION_NOT_ALLOWED_IN_STATE, CONCURRENT_MODIFICATION */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CHECKS_FAILED */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApprovalsController_notices_: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Notices with their SHA-256 and verification code */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NoticeViewDto"][];
                };
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApprovalsController_content: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The notice PDF */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: NOTICE_NOT_FOUND, CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApprovalsController_verify: {
        parameters: {
            query?: {
                /** @description Or: the SHA-256 of the PDF, hex */
                sha256?: unknown;
                /** @description The verification code printed on every page, FW-XXXX-XXXX-XXXX-XXXX */
                code?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerifiedNoticeDto"] | components["schemas"]["HashVerificationDto"];
                };
            };
            /** @description Error codes: VERIFICATION_CODE_INVALID, HASH_INVALID */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: NOTICE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: TOO_MANY_REQUESTS */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ApprovalsController_verifyFile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The PDF file */
        requestBody: {
            content: {
                "application/pdf": string;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HashVerificationDto"];
                };
            };
            /** @description Error codes: FILE_MISSING */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: PAYLOAD_TOO_LARGE */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: UNSUPPORTED_MEDIA_TYPE */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: TOO_MANY_REQUESTS */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    NoticeVerificationPageController_page: {
        parameters: {
            query?: {
                /** @description The verification code printed on every page; without it, the page shows the form */
                code?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/html: the page saying the document is genuine (or the empty form); application/json: VerifiedNotice */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["VerifiedNoticeDto"];
                    "application/json": components["schemas"]["VerifiedNoticeDto"];
                };
            };
            /** @description Error codes: VERIFICATION_CODE_INVALID */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: NOTICE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: TOO_MANY_REQUESTS */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    OverviewController_myTasks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDto"][];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    OverviewController_timeline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimelineDto"];
                };
            };
            /** @description Error codes: BAD_REQUEST (a path id is not a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: AUTHENTICATION_REQUIRED, TOKEN_EXPIRED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Error codes: CASE_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
}
