import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/actor';
import { AuthService } from '../auth/auth.service';
import { LocalAuthGuard, LoginThrottlerGuard } from '../auth/guards';
import { Public, Roles } from '../auth/roles.decorator';
import { ApiErrors, AUTH_ERRORS } from '../errors/api-errors.decorator';
import { AccountsService } from './accounts.service';
import {
  AcceptInvitationDto,
  CreateOrganisationDto,
  InvitationCreatedDto,
  InviteUserDto,
  LoginDto,
  OrganisationDto,
  TokenDto,
  UserDto,
} from './dto/accounts.dto';


@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountsService,
  ) {}

  @Public()
  @UseGuards(LoginThrottlerGuard, LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with e-mail and password; answers a short-lived bearer token' })
  @ApiOkResponse({ type: TokenDto })
  @ApiErrors({ 400: ['VALIDATION_FAILED'], 401: ['INVALID_CREDENTIALS'], 429: ['TOO_MANY_LOGIN_ATTEMPTS'] })
  login(@CurrentActor() actor: Actor, @Body() _credentials: LoginDto): TokenDto {
    return this.auth.issueToken(actor);
  }

  @Public()
  @Post('invitations/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set the password with the one-time token from an invitation mail' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors({ 400: ['VALIDATION_FAILED'], 404: ['INVITATION_NOT_FOUND'], 410: ['INVITATION_USED', 'INVITATION_EXPIRED'] })
  acceptInvitation(@Body() dto: AcceptInvitationDto): Promise<UserDto> {
    return this.accounts.acceptInvitation(dto);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: 'The logged-in user' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(AUTH_ERRORS)
  me(@CurrentActor() actor: Actor): Promise<UserDto> {
    return this.accounts.me(actor);
  }
}

@ApiTags('accounts')
@ApiBearerAuth()
@Controller()
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Roles('admin')
  @Post('organisations')
  @ApiOperation({ summary: 'Create an organisation (municipality, district, other body)' })
  @ApiCreatedResponse({ type: OrganisationDto })
  @ApiErrors({ ...AUTH_ERRORS, 400: ['VALIDATION_FAILED', 'AGS_REQUIRED', 'AGS_INVALID'], 403: ['ROLE_NOT_ALLOWED'], 409: ['AGS_TAKEN'] })
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

  @Roles('admin')
  @Post('users/invitations')
  @ApiOperation({ summary: 'Invite a user by e-mail; the mail carries a one-time link to set the password' })
  @ApiCreatedResponse({ type: InvitationCreatedDto })
  @ApiErrors({
    ...AUTH_ERRORS,
    400: ['VALIDATION_FAILED', 'ORGANISATION_REQUIRED', 'ORGANISATION_NOT_FOUND'],
    403: ['ROLE_NOT_ALLOWED'],
    409: ['EMAIL_TAKEN'],
  })
  invite(@CurrentActor() actor: Actor, @Body() dto: InviteUserDto): Promise<InvitationCreatedDto> {
    return this.accounts.invite(actor, dto);
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
