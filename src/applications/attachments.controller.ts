import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { malformedMultipart } from '../platform/http/uploads';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../platform/auth/actor';
import { CurrentActor } from '../platform/auth/actor';
import { Roles } from '../platform/auth/roles.decorator';
import { ApiErrors, AUTH_ERRORS } from '../platform/errors/api-errors.decorator';
import { ValidationError } from '../platform/errors/domain-error';
import { AttachmentsService } from './attachments.service';
import { AttachmentUploadDto, AttachmentViewDto } from './dto/applications.responses.dto';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('cases/:id/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Roles('applicant')
  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiQuery({ name: 'type', description: 'Attachment type code of the guideline, e.g. quotes' })
  @ApiQuery({ name: 'informationRequestId', required: false })
  @ApiOperation({ summary: 'Upload one file (multipart field "file"); its content is checked by its bytes, stored by SHA-256' })
  @ApiCreatedResponse({ type: AttachmentViewDto })
  @ApiBody({ type: AttachmentUploadDto })
  @ApiErrors({
    ...AUTH_ERRORS,
    400: ['VALIDATION_FAILED', 'ATTACHMENT_TYPE_UNKNOWN', 'FILE_MISSING', 'MULTIPART_INVALID', 'BAD_REQUEST'],
    403: ['ROLE_NOT_ALLOWED'],
    404: ['CASE_NOT_FOUND'],
    409: ['PROPOSAL_NOT_EDITABLE'],
    413: ['ATTACHMENT_TOO_LARGE'],
    415: ['ATTACHMENT_CONTENT_NOT_ALLOWED', 'UNSUPPORTED_MEDIA_TYPE'],
  })
  async upload(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('type') type: string,
    @Query('informationRequestId', new ParseUUIDPipe({ optional: true })) informationRequestId: string | undefined,
    @Req() req: FastifyRequest,
  ) {
    if (!req.isMultipart()) throw new ValidationError('FILE_MISSING', 'Send the file as multipart/form-data in a field named "file".');
    const file = await req.file().catch((e: unknown) => {
      throw malformedMultipart(e);
    });
    if (!file) throw new ValidationError('FILE_MISSING', 'Send the file as multipart/form-data in a field named "file".');
    try {
      return await this.attachments.upload(actor, id, { type, informationRequestId, filename: file.filename, stream: file.file });
    } catch (e) {
      throw malformedMultipart(e);
    }
  }

  @Get()
  @ApiOperation({ summary: 'The attachments of a case' })
  @ApiErrors({ ...AUTH_ERRORS, 404: ['CASE_NOT_FOUND'] })
  @ApiOkResponse({ type: AttachmentViewDto, isArray: true })
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.attachments.list(actor, id);
  }

  @Get(':attachmentId/content')
  @ApiOperation({ summary: 'Download an attachment' })
  @ApiErrors({ ...AUTH_ERRORS, 404: ['CASE_NOT_FOUND', 'ATTACHMENT_NOT_FOUND'] })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file, with its stored media type', schema: { type: 'string', format: 'binary' } })
  async download(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
    @Res() reply: FastifyReply,
  ) {
    const { filename, mediaType, data } = await this.attachments.content(actor, id, attachmentId);
    await reply
      .header('content-type', mediaType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
      .send(data);
  }

  @Roles('applicant')
  @Delete(':attachmentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an attachment from a draft' })
  @ApiErrors({ ...AUTH_ERRORS, 403: ['ROLE_NOT_ALLOWED'], 404: ['CASE_NOT_FOUND', 'ATTACHMENT_NOT_FOUND'], 409: ['PROPOSAL_NOT_EDITABLE'] })
  @ApiNoContentResponse({ description: 'Done' })
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Param('attachmentId', ParseUUIDPipe) attachmentId: string) {
    await this.attachments.remove(actor, id, attachmentId);
  }
}

