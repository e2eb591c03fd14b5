import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { OnApplicationShutdown } from '@nestjs/common';
import type { S3Settings } from '../config/app-config';
import { ServiceUnavailableError } from '../errors/domain-error';
import type { BlobStore } from './blob-store';

/**
 * An S3-compatible bucket (AWS S3, MinIO, Ceph, …), with the keys laid out as in the local folder
 * (`ab/abcdef…`), so a folder can be copied into a bucket as it is. An object is written whole or not at all.
 */
export class S3BlobStore implements BlobStore, OnApplicationShutdown {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(settings: S3Settings) {
    this.bucket = settings.bucket;
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
      // A store that does not answer must fail a request within seconds (then 503), not hang it.
      requestHandler: { connectionTimeout: 3000, requestTimeout: 10_000 },
      maxAttempts: 2,
      // The SDK's default CRC checksums are refused by several S3-compatible stores; we check SHA-256 ourselves.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, data: Buffer): Promise<void> {
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.keyOf(key), Body: data }));
    } catch (e) {
      throw new ServiceUnavailableError('The document storage', e);
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(key) }));
      return Buffer.from(await object.Body!.transformToByteArray());
    } catch (e) {
      if ((e as { name?: string }).name === 'NoSuchKey') return null;
      throw new ServiceUnavailableError('The document storage', e);
    }
  }

  onApplicationShutdown(): void {
    this.client.destroy();
  }

  private keyOf(key: string): string {
    return `${key.slice(0, 2)}/${key}`;
  }
}
