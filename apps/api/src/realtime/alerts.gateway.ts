import { Inject, Logger } from '@nestjs/common';
import {
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { InvalidTokenError, TokenService, type Principal } from '@park/auth';
import type { AlertEvent } from '@park/contracts';
import type { Server, Socket } from 'socket.io';
import { AlertsService } from '../alerts/alerts.service';
import { API_CONFIG, type ApiConfig } from '../api.config';
import { enterpriseRoom, PARK_ROOM, roomsFor } from './rooms';

interface SocketData {
  principal: Principal;
}

/**
 * socket.io gateway. Access: every connection must present a valid JWT in the handshake (`auth.token`); the
 * server only emits — `alert` to the park room (admin, officer, operator) and to the alert's enterprise room
 * (that enterprise's energy managers). A client may send `auth.lastSeq` to receive the events it missed.
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
        for (const event of missed) socket.emit('alert', event);
      } catch (error) {
        this.logger.warn(`catch-up for ${principal.username} failed: ${String(error)}`);
      }
    }
    socket.emit('ready', { rooms: roomsFor(principal) });
  }

  broadcastAlert(event: AlertEvent): void {
    this.server.to(PARK_ROOM).to(enterpriseRoom(event.alert.enterpriseId)).emit('alert', event);
  }
}
