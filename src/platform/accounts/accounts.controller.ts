import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/actor';
import { LocalAuthGuard, LoginThrottlerGuard, PasswordResetThrottlerGuard } from '../auth/guards';
import { Public, Roles } from '../auth/roles.decorator';
import { AllowedBeforeTotpEnrolment } from '../auth/totp-enrolment.guard';
import { TotpService } from '../auth/totp.service';
import { Session, SessionsService } from '../auth/sessions.service';
import { clearedRefreshCookie, cookieValue, REFRESH_COOKIE, refreshCookie } from '../auth/tokens';
import { ApiErrors, AUTH_ERRORS } from '../errors/api-errors.decorator';
import { AccountsService } from './accounts.service';
import {
  AcceptInvitationDto,
  ChangePasswordDto,
  CreateOrganisationDto,
  DeactivateUserDto,
  InvitationCreatedDto,
  InviteUserDto,
  LinkTokenDto,
  LoginDto,
  MeDto,
  OrganisationDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  PasswordResetRequestedDto,
  RefreshDto,
  SessionsRevokedDto,
  TokenDto,
  TotpConfirmDto,
  TotpEnabledDto,
  TotpEnrolmentDto,
  UpdateOrganisationDto,
  UpdateUserDto,
  UserDto,
} from './dto/accounts.dto';

const REFRESH_ERRORS = ['REFRESH_TOKEN_INVALID', 'REFRESH_TOKEN_EXPIRED', 'REFRESH_TOKEN_REUSED'];

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly accounts: AccountsService,
    private readonly totp: TotpService,
  ) {}

  @Public()
  @UseGuards(LoginThrottlerGuard, LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in with e-mail and password',
    description:
      'Answers a short-lived bearer token and a refresh token; the refresh token is also set as the httpOnly cookie fw_refresh (path /api/v1/auth). ' +
      'An account with TOTP also sends the current code as totp (401 TOTP_REQUIRED without it, TOTP_INVALID for a wrong or reused one). ' +
      'A user whose role needs TOTP (TOTP_REQUIRED_ROLES) but who has none set up logs in with the password alone and gets totpEnrolmentRequired: true; ' +
      'until the enrolment is confirmed, every route but the TOTP enrolment, me, change password and logout answers 403 TOTP_ENROLMENT_REQUIRED.',
  })
  @ApiOkResponse({ type: TokenDto })
  @ApiErrors({ 400: ['VALIDATION_FAILED'], 401: ['INVALID_CREDENTIALS', 'TOTP_REQUIRED', 'TOTP_INVALID'], 429: ['TOO_MANY_LOGIN_ATTEMPTS'] })
  async login(@CurrentActor() actor: Actor, @Body() _credentials: LoginDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<TokenDto> {
    const session: TokenDto = withCookie(reply, await this.sessions.start(actor));
    return actor.totpEnrolmentRequired ? { ...session, totpEnrolmentRequired: true } : session;
  }

  @ApiBearerAuth()
  @AllowedBeforeTotpEnrolment()
  @Post('totp/enrol')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Start setting up TOTP (authenticator app) as a second factor',
    description: 'Answers a new secret and its otpauth:// URI (SHA1, 6 digits, 30 s) this once; it takes effect after POST /api/v1/auth/totp/confirm. Calling again replaces a secret not yet confirmed.',
  })
  @ApiOkResponse({ type: TotpEnrolmentDto })
  @ApiErrors({ ...AUTH_ERRORS, 409: ['TOTP_ALREADY_ENABLED'] })
  enrolTotp(@CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<TotpEnrolmentDto> {
    reply.header('cache-control', 'no-store');
    return this.totp.enrol(actor);
  }

  @ApiBearerAuth()
  @AllowedBeforeTotpEnrolment()
  @Post('totp/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm TOTP with a current code; from now on login needs a code (audited)' })
  @ApiOkResponse({ type: TotpEnabledDto })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['VALIDATION_FAILED', 'TOTP_INVALID'], 409: ['TOTP_ALREADY_ENABLED', 'TOTP_NOT_ENROLLED'] })
  confirmTotp(@CurrentActor() actor: Actor, @Body() dto: TotpConfirmDto): Promise<TotpEnabledDto> {
    return this.totp.confirm(actor, dto.code);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new access token and a new refresh token',
    description:
      'The refresh token comes from the body or, without one, from the fw_refresh cookie. Each refresh token works once; presenting a used one again ends every session of that login (REFRESH_TOKEN_REUSED).',
  })
  @ApiOkResponse({ type: TokenDto })
  @ApiErrors({ 400: ['VALIDATION_FAILED', 'REFRESH_TOKEN_REQUIRED'], 401: REFRESH_ERRORS })
  async refresh(@Body() dto: RefreshDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<TokenDto> {
    return withCookie(reply, await this.sessions.refresh(dto?.refreshToken ?? cookieValue(req.headers.cookie, REFRESH_COOKIE)));
  }

  @Public()
  @Post('logout')
  @HttpCode(200)
  @ApiOperation({
    summary: 'End this session: the refresh token (body or cookie) and every token of its family stop working',
    description: 'Also answers 200 for a token that is unknown or ended already (revokedSessions 0).',
  })
  @ApiOkResponse({ type: SessionsRevokedDto })
  @ApiErrors({ 400: ['VALIDATION_FAILED', 'REFRESH_TOKEN_REQUIRED'] })
  async logout(@Body() dto: RefreshDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionsRevokedDto> {
    const result = await this.sessions.logout(dto?.refreshToken ?? cookieValue(req.headers.cookie, REFRESH_COOKIE));
    reply.header('set-cookie', clearedRefreshCookie());
    return result;
  }

  @ApiBearerAuth()
  @AllowedBeforeTotpEnrolment()
  @Post('logout-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'End every session of the logged-in user on every device (audited)' })
  @ApiOkResponse({ type: SessionsRevokedDto })
  @ApiErrors(AUTH_ERRORS)
  async logoutAll(@CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionsRevokedDto> {
    const result = await this.sessions.logoutAll(actor);
    reply.header('set-cookie', clearedRefreshCookie());
    return result;
  }

  @Public()
  @Post('invitations/check')
  @HttpCode(204)
  @ApiOperation({ summary: 'Check the token from an invitation mail before asking for a password (changes nothing)' })
  @ApiNoContentResponse({ description: 'The invitation can be accepted.' })
  @ApiErrors({ 400: ['VALIDATION_FAILED'], 404: ['INVITATION_NOT_FOUND'], 410: ['INVITATION_USED', 'INVITATION_REVOKED', 'INVITATION_EXPIRED'] })
  checkInvitation(@Body() dto: LinkTokenDto): Promise<void> {
    return this.accounts.checkInvitation(dto.token);
  }

  @Public()
  @Post('invitations/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set the password with the one-time token from an invitation mail' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors({ 400: ['VALIDATION_FAILED', 'PASSWORD_REJECTED'], 404: ['INVITATION_NOT_FOUND'], 410: ['INVITATION_USED', 'INVITATION_REVOKED', 'INVITATION_EXPIRED'] })
  acceptInvitation(@Body() dto: AcceptInvitationDto): Promise<UserDto> {
    return this.accounts.acceptInvitation(dto);
  }

  @Public()
  @UseGuards(PasswordResetThrottlerGuard)
  @Post('password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Forgot password: mail a one-time link to set a new password',
    description: 'Always answers 202 with the same body, whether or not the address belongs to an active account.',
  })
  @ApiAcceptedResponse({ type: PasswordResetRequestedDto })
  @ApiErrors({ 400: ['VALIDATION_FAILED'], 429: ['TOO_MANY_PASSWORD_RESET_REQUESTS'] })
  requestPasswordReset(@Body() dto: PasswordResetRequestDto): Promise<PasswordResetRequestedDto> {
    return this.accounts.requestPasswordReset(dto);
  }

  @Public()
  @Post('password-reset/check')
  @HttpCode(204)
  @ApiOperation({ summary: 'Check the token from a password-reset mail before asking for the new password (changes nothing)' })
  @ApiNoContentResponse({ description: 'The link can be used.' })
  @ApiErrors({ 400: ['VALIDATION_FAILED'], 404: ['PASSWORD_RESET_NOT_FOUND'], 410: ['PASSWORD_RESET_USED', 'PASSWORD_RESET_EXPIRED'] })
  checkPasswordReset(@Body() dto: LinkTokenDto): Promise<void> {
    return this.accounts.checkPasswordReset(dto.token);
  }

  @Public()
  @Post('password-reset/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set a new password with the token from a password-reset mail; ends every session of the user' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors({ 400: ['VALIDATION_FAILED', 'PASSWORD_REJECTED'], 404: ['PASSWORD_RESET_NOT_FOUND'], 410: ['PASSWORD_RESET_USED', 'PASSWORD_RESET_EXPIRED'] })
  confirmPasswordReset(@Body() dto: PasswordResetConfirmDto): Promise<UserDto> {
    return this.accounts.confirmPasswordReset(dto);
  }

  @ApiBearerAuth()
  @AllowedBeforeTotpEnrolment()
  @Post('password')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Change the password of the logged-in user (audited)',
    description:
      'Needs the current password. Every session of the user ends, on every device; the answer is a new session for this client (also set as the fw_refresh cookie).',
  })
  @ApiOkResponse({ type: TokenDto })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['VALIDATION_FAILED', 'PASSWORD_REJECTED'], 403: ['CURRENT_PASSWORD_WRONG'] })
  async changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<TokenDto> {
    await this.accounts.changePassword(actor, dto);
    return withCookie(reply, await this.sessions.start(actor));
  }

  @ApiBearerAuth()
  @AllowedBeforeTotpEnrolment()
  @Get('me')
  @ApiOperation({ summary: 'The logged-in user' })
  @ApiOkResponse({ type: MeDto })
  @ApiErrors(AUTH_ERRORS)
  async me(@CurrentActor() actor: Actor): Promise<MeDto> {
    // a silent sign-in (refresh) does not say it; the client reads it here to lead to the enrolment
    return { ...(await this.accounts.me(actor)), totpEnrolmentRequired: actor.totpEnrolmentRequired === true };
  }
}

function withCookie(reply: FastifyReply, session: Session): TokenDto {
  reply.header('set-cookie', refreshCookie(session.refreshToken, session.refreshExpiresIn));
  reply.header('cache-control', 'no-store');
  return session;
}

@ApiTags('accounts')
@ApiBearerAuth()
@Controller()
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Roles('admin')
  @Post('organisations')
  @ApiOperation({ summary: 'Create an organisation (municipality, district, other body) with its postal address and contact' })
  @ApiCreatedResponse({ type: OrganisationDto })
  @ApiErrors({
    ...AUTH_ERRORS,
    400: ['VALIDATION_FAILED', 'AGS_REQUIRED', 'AGS_INVALID', 'POSTAL_CODE_INVALID', 'ADDRESS_INCOMPLETE'],
    403: ['ROLE_NOT_ALLOWED'],
    409: ['AGS_TAKEN'],
  })
  createOrganisation(@CurrentActor() actor: Actor, @Body() dto: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.accounts.createOrganisation(actor, dto);
  }

  @Get('organisations')
  @ApiOperation({ summary: 'Organisations the user may see: all for agency staff, their own for applicants' })
  @ApiOkResponse({ type: OrganisationDto, isArray: true })
  @ApiErrors(AUTH_ERRORS)
  listOrganisations(@CurrentActor() actor: Actor): Promise<OrganisationDto[]> {
    return this.accounts.listOrganisations(actor);
  }

  @Get('organisations/:id')
  @ApiOperation({ summary: 'One organisation' })
  @ApiOkResponse({ type: OrganisationDto })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['BAD_REQUEST'], 404: ['NOT_FOUND'] })
  getOrganisation(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<OrganisationDto> {
    return this.accounts.getOrganisation(actor, id);
  }

  @Patch('organisations/:id')
  @ApiOperation({
    summary: "Change an organisation's postal address and contact (audited)",
    description: 'An admin for any organisation, an applicant for their own. Fields left out keep their value; null clears one.',
  })
  @ApiOkResponse({ type: OrganisationDto })
  @ApiErrors({
    ...AUTH_ERRORS,
    400: ['BAD_REQUEST', 'VALIDATION_FAILED', 'POSTAL_CODE_INVALID', 'ADDRESS_INCOMPLETE'],
    403: ['ROLE_NOT_ALLOWED'],
    404: ['NOT_FOUND'],
  })
  updateOrganisation(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateOrganisationDto): Promise<OrganisationDto> {
    return this.accounts.updateOrganisation(actor, id, dto);
  }

  @Roles('admin')
  @Post('users/invitations')
  @ApiOperation({ summary: 'Invite a user by e-mail; the mail carries a one-time link to set the password' })
  @ApiCreatedResponse({ type: InvitationCreatedDto })
  @ApiErrors({
    ...AUTH_ERRORS,
    400: ['VALIDATION_FAILED', 'ORGANISATION_REQUIRED', 'ORGANISATION_NOT_FOUND', 'TEAM_INVALID', 'TEAM_NOT_FOR_APPLICANTS'],
    403: ['ROLE_NOT_ALLOWED'],
    409: ['EMAIL_TAKEN', 'USER_ALREADY_INVITED'],
  })
  invite(@CurrentActor() actor: Actor, @Body() dto: InviteUserDto): Promise<InvitationCreatedDto> {
    return this.accounts.invite(actor, dto);
  }

  @Roles('admin')
  @Post('users/:id/invitation')
  @ApiOperation({
    summary: 'Renew the invitation of a user who has not accepted yet (also after it expired)',
    description: 'Mails a new one-time link; every earlier invitation link of the user stops working (INVITATION_REVOKED).',
  })
  @ApiCreatedResponse({ type: InvitationCreatedDto })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['BAD_REQUEST'], 403: ['ROLE_NOT_ALLOWED'], 404: ['USER_NOT_FOUND'], 409: ['USER_ALREADY_ACTIVE', 'USER_DISABLED'] })
  renewInvitation(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<InvitationCreatedDto> {
    return this.accounts.renewInvitation(actor, id);
  }

  @Roles('admin')
  @Post('users/:id/deactivate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Deactivate a user (audited with the reason; not oneself)',
    description:
      'The user can no longer log in; their existing access tokens are refused at the next request and their refresh tokens are revoked; open invitation and password-reset links stop working.',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['BAD_REQUEST', 'VALIDATION_FAILED'], 403: ['ROLE_NOT_ALLOWED'], 404: ['USER_NOT_FOUND'], 409: ['CANNOT_DEACTIVATE_SELF', 'USER_ALREADY_DISABLED'] })
  deactivateUser(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DeactivateUserDto): Promise<UserDto> {
    return this.accounts.deactivateUser(actor, id, dto);
  }

  @Roles('admin')
  @Post('users/:id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a deactivated user (audited with the reason); one who never set a password is invited again (renew the invitation)' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['BAD_REQUEST', 'VALIDATION_FAILED'], 403: ['ROLE_NOT_ALLOWED'], 404: ['USER_NOT_FOUND'], 409: ['USER_NOT_DISABLED'] })
  reactivateUser(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DeactivateUserDto): Promise<UserDto> {
    return this.accounts.reactivateUser(actor, id, dto);
  }

  @Roles('admin')
  @Patch('users/:id')
  @ApiOperation({ summary: "Change a user's caseworker team (audited; agency staff only)", description: 'Fields left out keep their value; team null removes the team.' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['BAD_REQUEST', 'VALIDATION_FAILED', 'TEAM_INVALID', 'TEAM_NOT_FOR_APPLICANTS'], 403: ['ROLE_NOT_ALLOWED'], 404: ['USER_NOT_FOUND'] })
  updateUser(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.accounts.updateUser(actor, id, dto);
  }

  @Roles('admin')
  @Get('users')
  @ApiOperation({ summary: 'All users' })
  @ApiOkResponse({ type: UserDto, isArray: true })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED'] })
  listUsers(): Promise<UserDto[]> {
    return this.accounts.listUsers();
  }
}
