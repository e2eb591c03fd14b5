import { ApiProperty } from '@nestjs/swagger';

export class LiveDto {
  @ApiProperty({ enum: ['ok'] }) status: string;
}

export class HealthDto {
  @ApiProperty({ enum: ['ok'] }) status: string;
  @ApiProperty({ enum: ['up', 'down'] }) database: string;
  @ApiProperty({ enum: ['up', 'down'] }) redis: string;
}

export class ReadyDto extends HealthDto {
  @ApiProperty({ enum: ['applied', 'pending', 'unknown'], description: 'Whether every migration of this build is applied (unknown while the database is down)' })
  migrations: string;
}
