import { Module } from '@nestjs/common';
import { PostcodesService } from './postcodes.service';

@Module({ providers: [PostcodesService], exports: [PostcodesService] })
export class PostcodesModule {}
