import { Inject, Logger } from '@nestjs/common';
import {
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { InvalidTokenError, TokenService, type Principal } from '@park/auth';
import {
  SOCKET_EVENTS,
  type AlertEvent,
  type DeviceStatusEvent,
  type TelemetryUpdate,
} from '@park/contracts';
import type { Server, Socket } from 'socket.io';
import { AlertsService } from '../alerts/alerts.service';
import { API_CONFIG, type ApiConfig } from '../api.config';
import { audienceOf, roomsFor } from './rooms';

interface SocketData {
  principal: Principal;
}

/**
 * socket.io gateway. Access: every connection must present a valid JWT in the handshake (`auth.token`); the
 * server only emits (libs/contracts realtime.ts) — `alert`, `telemetry` and `device-status` — each to the park
 * room (admin, officer, operator, wall displays) and to the room of the enterprise it concerns (that enterprise's
 * energy managers). A client may send `auth.lastSeq` to receive the alert events it missed.
 */
@WebSocketGateway({ cors: { origin: true } })
export class AlertsGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(AlertsGateway.name);
  @WebSocketServer() server!: Server;

  constructor(
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly alerts: AlertsService,
  ) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      const token: unknown = socket.handshake.auth?.token;
      if (typeof token !== 'string' || token.length === 0) {
        next(new Error('unauthorized: a token is required in the handshake'));
        return;
      }
      try {
        (socket.data as SocketData).principal = this.tokens.verify(token);
        next();
      } catch (error) {
        next(new Error(`unauthorized: ${error instanceof InvalidTokenError ? error.message : 'bad token'}`));
      }
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    const principal = (socket.data as SocketData).principal;
    await socket.join(roomsFor(principal));
    const lastSeq: unknown = socket.handshake.auth?.lastSeq;
    if (typeof lastSeq === 'number' && Number.isInteger(lastSeq) && lastSeq >= 0) {
      try {
        const missed = await this.alerts.eventsAfter(principal, lastSeq, this.config.CATCH_UP_LIMIT);
        for (const event of missed) socket.emit(SOCKET_EVENTS.alert, event);
      } catch (error) {
        this.logger.warn(`catch-up for ${principal.username} failed: ${String(error)}`);
      }
    }
    socket.emit(SOCKET_EVENTS.ready, { rooms: roomsFor(principal) });
  }

  broadcastAlert(event: AlertEvent): void {
    this.server.to(audienceOf(event.alert.enterpriseId)).emit(SOCKET_EVENTS.alert, event);
  }

  broadcastTelemetry(update: TelemetryUpdate): void {
    this.server.to(audienceOf(update.enterpriseId)).emit(SOCKET_EVENTS.telemetry, update);
  }

  broadcastDeviceStatus(event: DeviceStatusEvent): void {
    this.server.to(audienceOf(event.enterpriseId)).emit(SOCKET_EVENTS.deviceStatus, event);
  }
}
