import { BadRequestException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { ConflictError, DomainError, ServiceUnavailableError, UnprocessableError, ValidationError } from './domain-error';
import { normaliseDetails } from './error-details';
import { QueryFailedError } from 'typeorm';
import { ErrorFilter, RETRY_AFTER_SECONDS, unavailableService } from './error.filter';
import { validationProblems } from './validation';

const filter = new ErrorFilter();

describe('error details: one shape', () => {
  it('leaves details out when there are none', () => {
    expect(filter.toResponse(new ConflictError('X', 'No.'))).toEqual([409, { code: 'X', message: 'No.' }]);
    expect(filter.toResponse(new ValidationError('X', 'No.', []))[1]).toEqual({ code: 'X', message: 'No.' });
    expect(filter.toResponse(new ValidationError('X', 'No.', null))[1]).not.toHaveProperty('details');
  });

  it('keeps named context as it is', () => {
    expect(filter.toResponse(new ConflictError('STALE_VERSION', 'Reload.', { expectedVersion: 1, currentVersion: 2 }))[1]).toEqual({
      code: 'STALE_VERSION',
      message: 'Reload.',
      details: { expectedVersion: 1, currentVersion: 2 },
    });
    expect(normaliseDetails({ field: 'ags' })).toEqual({ field: 'ags' });
  });

  it('wraps a bare list of problems in details.problems', () => {
    const list = [{ code: 'FIELD_INVALID', field: 'fields.title', message: 'Too long.' }];
    expect(filter.toResponse(new ValidationError('FIELD_INVALID', 'Bad form.', list))).toEqual([400, { code: 'FIELD_INVALID', message: 'Bad form.', details: { problems: list } }]);
  });

  it('turns workflow {failures} into problems and keeps their check', () => {
    const failures = [{ check: 'plan_balanced', code: 'PLAN_NOT_BALANCED', field: 'ownContributionCents', message: 'Balance the plan.' }];
    const [status, body] = filter.toResponse(new UnprocessableError('CHECKS_FAILED', 'Cannot.', { failures, caseState: 'draft' }));
    expect(status).toBe(422);
    expect(body.details).toEqual({ caseState: 'draft', problems: failures });
  });

  it('splits the legacy validation shape [{field, problems: string[]}] into one problem per message', () => {
    expect(normaliseDetails([{ field: 'password', problems: ['too short', 'too plain'] }])).toEqual({
      problems: [
        { code: 'FIELD_INVALID', field: 'password', message: 'too short' },
        { code: 'FIELD_INVALID', field: 'password', message: 'too plain' },
      ],
    });
  });

  it('gives every problem a code and a message, and turns scalars into named context', () => {
    expect(normaliseDetails({ problems: ['plain text', { field: 'x' }, 7] })).toEqual({
      problems: [
        { code: 'FIELD_INVALID', message: 'plain text' },
        { code: 'FIELD_INVALID', field: 'x', message: 'The value is invalid.' },
        { code: 'FIELD_INVALID', message: '7' },
      ],
    });
    expect(normaliseDetails('text')).toEqual({ value: 'text' });
    expect(normaliseDetails({ problems: 3 })).toEqual({ problemCount: 3 });
  });

  it('normalises HttpExceptions that carry a code, and gives others a code without details', () => {
    const fromPipe = new BadRequestException({ code: 'VALIDATION_FAILED', message: 'Invalid.', details: [{ field: 'a', problems: ['a must be a string'] }] });
    expect(filter.toResponse(fromPipe)).toEqual([400, { code: 'VALIDATION_FAILED', message: 'Invalid.', details: { problems: [{ code: 'FIELD_INVALID', field: 'a', message: 'a must be a string' }] } }]);
    expect(filter.toResponse(new ServiceUnavailableException({ code: 'SERVICE_UNAVAILABLE', message: 'Down.', details: { database: 'up', redis: 'down' } }))).toEqual([
      503,
      { code: 'SERVICE_UNAVAILABLE', message: 'Down.', details: { database: 'up', redis: 'down' } },
    ]);
    expect(filter.toResponse(new NotFoundException('Cannot GET /x'))).toEqual([404, { code: 'NOT_FOUND', message: 'Cannot GET /x.' }]);
    expect(filter.toResponse(new DomainError('too_large', 'ATTACHMENT_TOO_LARGE', 'Too big.', { maxBytes: 5 }))).toEqual([413, { code: 'ATTACHMENT_TOO_LARGE', message: 'Too big.', details: { maxBytes: 5 } }]);
  });

  it('answers 503 for a backing service that cannot be reached, without telling the cause', () => {
    const down = new ServiceUnavailableError('The document storage', new Error('connect ECONNREFUSED 10.0.0.7:9000'));
    const [status, body] = filter.toResponse(down);
    expect(status).toBe(503);
    expect(body).toEqual({ code: 'SERVICE_UNAVAILABLE', message: 'The document storage cannot be reached at the moment. Please try again shortly.' });
    expect(down.cause).toBeInstanceOf(Error);
  });

  it('answers 500 without details for anything unknown', () => {
    expect(filter.toResponse(new Error('boom'))).toEqual([500, { code: 'INTERNAL_ERROR', message: expect.any(String) }]);
  });
});

describe('unreachable backing services: 503, not 500 (issue 9.4)', () => {
  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
  const viaTypeorm = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

  it.each([
    ['refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), 'network'],
    ['refused on every address', new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''), 'network'],
    ['pool exhausted past connectionTimeoutMillis', new Error('timeout exceeded when trying to connect'), 'database'],
    ['new connection to a frozen server', new Error('Connection terminated due to connection timeout', { cause: new Error('timeout expired') }), 'database'],
    ['connection lost in a statement', viaTypeorm(new Error('Connection terminated unexpectedly')), 'database'],
    ['no answer within query_timeout', viaTypeorm(new Error('Query read timeout')), 'database'],
    ['server shutting down', viaTypeorm(withCode('terminating connection due to administrator command', '57P01')), 'database'],
    ['server starting up', withCode('the database system is starting up', '57P03'), 'database'],
    ['too many connections', withCode('sorry, too many clients already', '53300'), 'database'],
    ['statement timeout', viaTypeorm(withCode('canceling statement due to statement timeout', '57014')), 'database'],
    ['Redis away, offline queue off', new Error("Stream isn't writeable and enableOfflineQueue options is false"), 'redis'],
    ['Redis connection closed', new Error('Connection is closed.'), 'redis'],
    ['Redis retries used up', Object.assign(new Error('Reached the max retries per request limit (which is 1).'), { name: 'MaxRetriesPerRequestError' }), 'redis'],
    ['Redis command timeout', new Error('Command timed out'), 'redis'],
  ])('%s', (_, error, service) => {
    expect(unavailableService(error)).toBe(service);
    const [status, body] = filter.toResponse(error);
    expect(status).toBe(503);
    expect(body).toEqual({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/cannot be reached at the moment\.( |$)/), details: { service, retryAfterSeconds: RETRY_AFTER_SECONDS } });
  });

  it.each([
    ['a user cancelled statement', viaTypeorm(withCode('canceling statement due to user request', '57014'))],
    ['a constraint violation', viaTypeorm(withCode('duplicate key value violates unique constraint', '23505'))],
    ['a bug', new TypeError('cannot read properties of undefined')],
  ])('leaves %s a 500', (_, error) => {
    expect(unavailableService(error)).toBeNull();
    expect(filter.toResponse(error)[0]).toBe(500);
  });
});

describe('validation problems', () => {
  it('lists one problem per broken rule with a dotted path, unknown fields as FIELD_UNKNOWN', () => {
    const errors = [
      { property: 'budget', constraints: { whitelistValidation: 'property budget should not exist' }, children: [] },
      {
        property: 'costs',
        children: [{ property: '2', children: [{ property: 'amountCents', constraints: { isInt: 'amountCents must be an integer number', min: 'amountCents must not be less than 1' }, children: [] }] }],
      },
    ];
    expect(validationProblems(errors as never)).toEqual([
      { code: 'FIELD_UNKNOWN', field: 'budget', message: 'property budget should not exist', constraint: 'whitelistValidation' },
      { code: 'FIELD_INVALID', field: 'costs.2.amountCents', message: 'amountCents must be an integer number', constraint: 'isInt' },
      { code: 'FIELD_INVALID', field: 'costs.2.amountCents', message: 'amountCents must not be less than 1', constraint: 'min' },
    ]);
  });
});
