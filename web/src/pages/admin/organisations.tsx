import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api, Schemas } from '../../api/client';
import { dataOf, isNotFound } from '../../api/query';
import { ErrorSummary, fieldProps, summaryOf, SummaryItem, TextField } from '../../components/forms';
import { Alert, Loading, NotFound, Page } from '../../components/layout';
import { applyAdminError, KIND_LABELS } from './common';

type Organisation = Schemas['OrganisationDto'];

const useOrganisations = () => useQuery({ queryKey: ['organisations'], queryFn: () => dataOf(api.GET('/api/v1/organisations')) });

/** Every organisation (GET /organisations) with its address; create and edit from here. */
export function OrganisationsPage() {
  const organisations = useOrganisations();
  const saved = (useLocation().state as { saved?: string } | null)?.saved;
  return (
    <Page title="Organisationen">
      {saved && <Alert kind="success" title={saved} />}
      <p className="kern-body">
        <Link className="kern-btn kern-btn--primary" to="/verwaltung/organisationen/neu">
          <span className="kern-label">Organisation anlegen</span>
        </Link>
      </p>
      {organisations.isPending ? (
        <Loading />
      ) : organisations.isError ? (
        <Alert kind="danger" title="Die Organisationen konnten nicht geladen werden." />
      ) : (
        <div className="kern-table-responsive">
          <table className="kern-table">
            <caption className="kern-sr-only">Organisationen mit Anschrift und Ansprechperson</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Name</th>
                <th scope="col" className="kern-table__header">Art</th>
                <th scope="col" className="kern-table__header">Gemeindeschlüssel</th>
                <th scope="col" className="kern-table__header">Anschrift</th>
                <th scope="col" className="kern-table__header">Ansprechperson</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {organisations.data.map((o) => (
                <tr key={o.id} className="kern-table__row">
                  <td className="kern-table__cell">
                    <Link className="kern-link" to={`/verwaltung/organisationen/${o.id}`} aria-label={`${o.name} bearbeiten`}>
                      {o.name}
                    </Link>
                  </td>
                  <td className="kern-table__cell">{KIND_LABELS[o.kind] ?? o.kind}</td>
                  <td className="kern-table__cell">{o.ags ?? '–'}</td>
                  <td className="kern-table__cell">{address(o)}</td>
                  <td className="kern-table__cell">{[o.contactName, o.contactEmail, o.contactPhone].filter(Boolean).join(', ') || '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}

const address = (o: Organisation) =>
  o.street ? `${o.street} ${o.buildingNumber ?? ''}, ${o.postalCode ?? ''} ${o.city ?? ''}`.replace(/\s+/g, ' ').trim() : 'keine Anschrift hinterlegt';

interface Form {
  name: string;
  kind: string;
  ags: string;
  street: string;
  buildingNumber: string;
  postalCode: string;
  city: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}
const ADDRESS_FIELDS = ['street', 'buildingNumber', 'postalCode', 'city', 'contactName', 'contactEmail', 'contactPhone'] as const;
const FIELDS = ['name', 'kind', 'ags', ...ADDRESS_FIELDS] as const;

/** Create (no :id) or edit an organisation; only postal address and contact can change after it exists (PATCH). */
export function OrganisationFormPage() {
  const { id } = useParams();
  const organisation = useQuery({
    queryKey: ['organisations', id],
    queryFn: () => dataOf(api.GET('/api/v1/organisations/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    retry: false,
  });
  if (!id) return <OrganisationForm />;
  if (organisation.isPending) return <Loading />;
  if (organisation.isError) return isNotFound(organisation.error) ? <NotFound /> : <Alert kind="danger" title="Die Organisation konnte nicht geladen werden." />;
  return <OrganisationForm existing={organisation.data} />;
}

function OrganisationForm({ existing }: { existing?: Organisation }) {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [summary, setSummary] = useState<SummaryItem[]>([]);
  const { register, handleSubmit, setError, formState } = useForm<Form>({
    defaultValues: existing
      ? Object.fromEntries(FIELDS.map((f) => [f, (existing as unknown as Record<string, string | null>)[f] ?? ''])) as unknown as Form
      : { kind: 'municipality' },
  });
  const { errors, isSubmitting } = formState;
  const save = useMutation({
    mutationFn: async (form: Form) => {
      // an emptied field is cleared (null) when editing, left out when creating
      const address = Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, form[f].trim() || (existing ? null : undefined)]));
      return existing
        ? api.PATCH('/api/v1/organisations/{id}', { params: { path: { id: existing.id } }, body: address })
        : api.POST('/api/v1/organisations', { body: { ...address, name: form.name.trim(), kind: form.kind as Organisation['kind'], ...(form.ags ? { ags: form.ags.trim() } : {}) } });
    },
  });
  const submit = handleSubmit(
    async (form) => {
      const { data, error } = await save.mutateAsync(form);
      if (error) return setSummary(applyAdminError(error, FIELDS, setError));
      await queries.invalidateQueries({ queryKey: ['organisations'] });
      navigate('/verwaltung/organisationen', { state: { saved: `${data!.name} ist gespeichert.` } });
    },
    (invalid) => setSummary(summaryOf(invalid, FIELDS)),
  );

  const text = (id: (typeof FIELDS)[number], label: string, opts: { hint?: string; type?: string; autoComplete?: string; required?: string } = {}) => (
    <TextField id={id} label={label} error={errors[id]} hint={opts.hint}>
      <input {...fieldProps(id, errors[id], !!opts.hint)} type={opts.type ?? 'text'} autoComplete={opts.autoComplete ?? 'off'} {...register(id, opts.required ? { required: opts.required } : {})} />
    </TextField>
  );

  return (
    <Page title={existing ? `${existing.name} bearbeiten` : 'Organisation anlegen'}>
      {existing && (
        <dl className="kern-description-list">
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">Art</dt>
            <dd className="kern-description-list-item__value">{KIND_LABELS[existing.kind] ?? existing.kind}</dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">Gemeindeschlüssel</dt>
            <dd className="kern-description-list-item__value">{existing.ags ?? '–'}</dd>
          </div>
        </dl>
      )}
      <ErrorSummary items={summary} />
      <form onSubmit={submit} noValidate className="fw-form">
        {!existing && (
          <>
            {text('name', 'Name', { required: 'Bitte geben Sie den Namen der Organisation ein.' })}
            <div className={`kern-form-input${errors.kind ? ' kern-form-input--error' : ''}`}>
              <label className="kern-label" htmlFor="kind">
                Art
              </label>
              <div className="kern-form-input__select-wrapper">
                <select id="kind" className="kern-form-input__select" {...register('kind')}>
                  {Object.entries(KIND_LABELS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            {text('ags', 'Amtlicher Gemeindeschlüssel (optional)', { hint: 'Acht Ziffern, z. B. 14522360; für Gemeinden und Landkreise erforderlich.' })}
          </>
        )}
        <fieldset className="kern-fieldset">
          <legend className="kern-title kern-title--small">Anschrift</legend>
          <div className="kern-fieldset__body">
            {text('street', 'Straße', { autoComplete: 'address-line1' })}
            {text('buildingNumber', 'Hausnummer')}
            {text('postalCode', 'Postleitzahl', { autoComplete: 'postal-code' })}
            {text('city', 'Ort', { autoComplete: 'address-level2' })}
          </div>
        </fieldset>
        <fieldset className="kern-fieldset">
          <legend className="kern-title kern-title--small">Ansprechperson</legend>
          <div className="kern-fieldset__body">
            {text('contactName', 'Name der Ansprechperson')}
            {text('contactEmail', 'E-Mail-Adresse der Ansprechperson', { type: 'email' })}
            {text('contactPhone', 'Telefon', { type: 'tel' })}
          </div>
        </fieldset>
        <button type="submit" className="kern-btn kern-btn--primary" disabled={isSubmitting}>
          <span className="kern-label">{existing ? 'Änderungen speichern' : 'Organisation anlegen'}</span>
        </button>
      </form>
      <p className="kern-body">
        <Link className="kern-link" to="/verwaltung/organisationen">
          Zurück zu den Organisationen
        </Link>
      </p>
    </Page>
  );
}

export { useOrganisations };
