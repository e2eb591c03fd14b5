import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Proof of use (Verwendungsnachweis, issue #13 items 2 and 3): one final proof per case, a draft with versions that is
 * frozen on submission; its expense lines with receipts stored by content; the caseworker's sample of receipts (drawn
 * once, recorded, never redrawn) and per-line decisions (accepted as stated, or reduced with a reason).
 */
export class ProofOfUse1733100000000 implements MigrationInterface {
  name = 'ProofOfUse1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE proofs_of_use (
        case_id uuid PRIMARY KEY REFERENCES cases(id),
        -- interim proofs (Zwischennachweise) are not filed here yet: one final proof per case
        kind text NOT NULL DEFAULT 'final' CHECK (kind = 'final'),
        status text NOT NULL CHECK (status IN ('draft', 'submitted')),
        version int NOT NULL DEFAULT 1,
        fields jsonb NOT NULL DEFAULT '{}',
        third_party_funds jsonb NOT NULL DEFAULT '[]',
        income jsonb NOT NULL DEFAULT '[]',
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_by uuid NULL REFERENCES users(id),
        submitted_at timestamptz NULL,
        sample_share_bp int NULL CHECK (sample_share_bp BETWEEN 0 AND 10000),
        sample_line_ids jsonb NULL,
        sample_drawn_by uuid NULL REFERENCES users(id),
        sample_drawn_at timestamptz NULL,
        CHECK ((sample_drawn_at IS NULL) = (sample_line_ids IS NULL) AND (sample_drawn_at IS NULL) = (sample_drawn_by IS NULL))
      );

      -- Receipts uploaded to a proof (by content); a line may only name one of its own proof's receipts.
      CREATE TABLE proof_of_use_receipts (
        case_id uuid NOT NULL REFERENCES proofs_of_use(case_id),
        sha256 char(64) NOT NULL REFERENCES documents(sha256),
        filename text NOT NULL,
        media_type text NOT NULL,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, sha256)
      );

      -- Draft lines may be incomplete (the submission check names what is missing).
      CREATE TABLE proof_of_use_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES proofs_of_use(case_id),
        position int NOT NULL,
        category text NOT NULL DEFAULT '',
        invoice_number text NOT NULL DEFAULT '',
        supplier text NOT NULL DEFAULT '',
        invoice_date date NULL,
        paid_date date NULL,
        amount_cents bigint NULL CHECK (amount_cents >= 0),
        description text NOT NULL DEFAULT '',
        receipt_sha256 char(64) NULL,
        source_payment_line_id uuid NULL REFERENCES payment_request_lines(id),
        decision text NULL CHECK (decision IN ('accepted', 'reduced')),
        accepted_cents bigint NULL,
        reduction_reason text NULL,
        receipt_examined boolean NOT NULL DEFAULT false,
        decided_by uuid NULL REFERENCES users(id),
        decided_at timestamptz NULL,
        FOREIGN KEY (case_id, receipt_sha256) REFERENCES proof_of_use_receipts(case_id, sha256),
        UNIQUE (case_id, position) DEFERRABLE INITIALLY DEFERRED,
        CHECK (decision IS NULL OR (accepted_cents IS NOT NULL AND decided_by IS NOT NULL AND decided_at IS NOT NULL)),
        CHECK (decision IS DISTINCT FROM 'accepted' OR accepted_cents = amount_cents),
        CHECK (decision IS DISTINCT FROM 'reduced' OR (accepted_cents >= 0 AND accepted_cents < amount_cents AND length(reduction_reason) > 0))
      );
      CREATE INDEX proof_of_use_lines_case_idx ON proof_of_use_lines (case_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE proof_of_use_lines;
      DROP TABLE proof_of_use_receipts;
      DROP TABLE proofs_of_use;
    `);
  }
}
